using LiveChat.Core.Conversations;
using LiveChat.Core.Email;

namespace LiveChat.Core.Flow;

/// <summary>
/// The unread-reply mailer as a subscriber (features E3, E4): an agent's reply opens the conversation's e-mail window.
/// In the answer lane, so the window opens at the reply's time.
/// </summary>
internal sealed class ReplyMailReactor(ReplyNotifier notifier) : IConversationReactor
{
    public ReactorLane Lane => ReactorLane.Answer;

    /// <summary>
    /// An agent's reply while the conversation's window is not armed here. Asked right after the commit: a window armed
    /// then fires later and reads this reply with the others; one that fires meanwhile is disarmed first, so the reply is
    /// wanted and opens the next window.
    /// </summary>
    public bool Wants(FlowEvent flowEvent)
        => flowEvent is MessageAppendedEvent { Message.Sender.Kind: SenderKind.Agent } && !notifier.IsArmed(flowEvent.Workspace, flowEvent.ConversationId);

    public async ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
    {
        if (flowEvent is MessageAppendedEvent { Message.Sender.Kind: SenderKind.Agent } appended)
        {
            await notifier.ArmAsync(appended.Workspace, appended.ConversationId, cancellationToken).ConfigureAwait(false);
        }
    }
}
