using System.Reflection;
using LiveChat.Core.Agents;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// An agent store that forwards every call to another one and, while a hook is set, runs it just before each read of one
/// agent: a way to look at the routing table at the exact moment routing confirms it from the store.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
public class AgentReadHook : DispatchProxy
#pragma warning restore CA1852
{
    private IAgentStore _inner = null!;

    /// <summary>Runs before each <see cref="IAgentStore.FindAgentAsync"/>, with the agent read; <see langword="null"/> for none.</summary>
    public Action<AgentId>? BeforeRead { get; set; }

    public static AgentReadHook Wrap(IAgentStore inner, out IAgentStore store)
    {
        store = Create<IAgentStore, AgentReadHook>();
        var hook = (AgentReadHook)(object)store;
        hook._inner = inner;
        return hook;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IAgentStore.FindAgentAsync))
        {
            BeforeRead?.Invoke((AgentId)args![1]!);
        }

        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
