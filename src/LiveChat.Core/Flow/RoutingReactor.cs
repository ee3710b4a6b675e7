using LiveChat.Core.Routing;

namespace LiveChat.Core.Flow;

/// <summary>
/// Routing as a subscriber (features R1–R8, N1): keeps the routing tables (through the <see cref="IRoutingPort"/>) in step with every stored change
/// and tells a conversation's owner of the visitor's messages. In the answer lane: a handoff's caller waits for it.
/// </summary>
internal sealed class RoutingReactor(IRoutingPort router) : IConversationReactor
{
    public ReactorLane Lane => ReactorLane.Answer;

    /// <summary>Every change; a message only when <see cref="Router.ActsOnMessage"/> (a waiting request, an owner to tell).</summary>
    public bool Wants(FlowEvent flowEvent) => flowEvent switch
    {
        ConversationChangedEvent => true,
        MessageAppendedEvent appended => Router.ActsOnMessage(appended.Conversation, appended.Message),
        _ => false,
    };

    public ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken) => flowEvent switch
    {
        ConversationChangedEvent changed => router.ObserveAsync(changed.Before, changed.After, cancellationToken),
        MessageAppendedEvent appended => router.MessagePostedAsync(appended.Conversation, appended.Message, cancellationToken),
        _ => ValueTask.CompletedTask,
    };
}
