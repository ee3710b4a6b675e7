using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Flow;

/// <summary>The one place where what a commit produced becomes the public events hosts receive (feature N2).</summary>
internal static class PublicEvents
{
    /// <summary>The public events for <paramref name="flowEvent"/>, in the order publishers get them; empty when hosts see none.</summary>
    public static IReadOnlyList<LiveChatEvent> From(FlowEvent flowEvent) => flowEvent switch
    {
        ConversationCreatedEvent created => [new ConversationStarted(ConversationView.From(created.Conversation), created.Conversation.StartedAt)],
        MessageAppendedEvent appended => [new MessagePosted(appended.Workspace, appended.Message, appended.Message.SentAt)],
        ConversationChangedEvent changed => Changed(changed),
        HostNoticeEvent notice => [notice.Event],
        _ => [],
    };

    private static List<LiveChatEvent> Changed(ConversationChangedEvent changed)
    {
        var (before, after) = (changed.Before, changed.After);
        var events = new List<LiveChatEvent>(changed.Messages.Count + 1);
        if (before.State != after.State || before.AssignedAgentId != after.AssignedAgentId)
        {
            events.Add(new ConversationStateChanged(ConversationView.From(after), before.State, before.AssignedAgentId, changed.OccurredAt));
        }

        events.AddRange(changed.Messages.Select(m => new MessagePosted(after.Workspace, m, changed.OccurredAt)));
        return events;
    }
}
