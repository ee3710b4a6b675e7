using LiveChat.Core.Transport;

namespace LiveChat.Core.Flow;

/// <summary>
/// A public event that no commit produced (an agent notification, a form the bot asks for, a failed delivery), passed
/// to the publishers in order with the conversation's other events.
/// </summary>
/// <param name="Event">The event as hosts receive it.</param>
internal sealed record HostNoticeEvent(LiveChatEvent Event) : FlowEvent(Event.Workspace, Event.ConversationId);
