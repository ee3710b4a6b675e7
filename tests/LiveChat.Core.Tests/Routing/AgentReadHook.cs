using System.Reflection;
using LiveChat.Core.Agents;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// An agent store that forwards every call to another one and, while a hook is set, runs it just before each read of one
/// agent: a way to look at the routing table at the exact moment routing confirms it from the store. A hook after the
/// read runs once the (embedded, synchronous) store has answered, before routing sees the answer: a way to change the
/// world while a read is in flight.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
public class AgentReadHook : DispatchProxy
#pragma warning restore CA1852
{
    private IAgentStore _inner = null!;

    /// <summary>Runs before each <see cref="IAgentStore.FindAgentAsync"/>, with the agent read; <see langword="null"/> for none.</summary>
    public Action<AgentId>? BeforeRead { get; set; }

    /// <summary>Runs after each <see cref="IAgentStore.FindAgentAsync"/> has read the agent, before its caller sees the result.</summary>
    public Action<AgentId>? AfterRead { get; set; }

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
            var result = targetMethod!.Invoke(_inner, args);
            if (targetMethod.Name == nameof(IAgentStore.FindAgentAsync))
            {
                AfterRead?.Invoke((AgentId)args![1]!);
            }

            return result;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
