using System.Reflection;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>
/// A conversation store that forwards every call to another one, and runs a hook once, just before the next read of one
/// chosen conversation: a way to put another writer's change at an exact point of an interleaving.
/// </summary>
public class ReadHookStore : DispatchProxy
{
    private IConversationStore _inner = null!;
    private (ConversationId Id, Action Hook)? _armed;

    public static IConversationStore Wrap(IConversationStore inner)
    {
        var store = Create<IConversationStore, ReadHookStore>();
        ((ReadHookStore)(object)store)._inner = inner;
        return store;
    }

    /// <summary>Runs <paramref name="hook"/> before the next read of <paramref name="conversationId"/>, once.</summary>
    public static void BeforeNextRead(IConversationStore store, ConversationId conversationId, Action hook)
        => ((ReadHookStore)(object)store)._armed = (conversationId, hook);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IConversationStore.FindConversationAsync) && _armed is { } armed && Equals(args![1], armed.Id))
        {
            _armed = null;
            armed.Hook();
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
