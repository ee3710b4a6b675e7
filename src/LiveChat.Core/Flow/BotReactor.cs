using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Flow;

/// <summary>
/// The playbook bot as a subscriber (features P1–P8): greets new conversations, answers the visitor's messages and
/// contact forms, and follows state changes. In the answer lane: the visitor's call returns with the bot's reply stored.
/// </summary>
internal sealed class BotReactor(PlaybookService playbooks) : IConversationReactor
{
    public ReactorLane Lane => ReactorLane.Answer;

    /// <summary>
    /// Every start, form and change; a visitor's message unless the workspace was known, at the message's time, to have
    /// no playbook published (see <see cref="Internal.IConversationBot.MayAnswer"/>: the clock is read once per post, for
    /// the message); nobody else's message.
    /// </summary>
    public bool Wants(FlowEvent flowEvent) => flowEvent switch
    {
        MessageAppendedEvent { Message.Sender.Kind: SenderKind.Visitor } appended => playbooks.Bot.MayAnswer(appended.Workspace, appended.Message.SentAt),
        MessageAppendedEvent => false,
        _ => true,
    };

    public ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
    {
        var bot = playbooks.Bot;
        switch (flowEvent)
        {
            case ConversationCreatedEvent created:
                return bot.ConversationStartedAsync(created.Conversation, cancellationToken);
            case MessageAppendedEvent { Message.Sender.Kind: SenderKind.Visitor } appended:
                return bot.VisitorPostedAsync(appended.Conversation, appended.Message, cancellationToken);
            case ContactFormSubmittedEvent submitted:
                return bot.ContactFormSubmittedAsync(submitted.Conversation, cancellationToken);
            case ConversationChangedEvent changed:
                bot.Observe(changed.Before, changed.After);
                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }
}
