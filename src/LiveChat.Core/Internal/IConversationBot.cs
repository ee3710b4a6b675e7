using LiveChat.Core.Conversations;

namespace LiveChat.Core.Internal;

/// <summary>
/// The bot's view of the write path: told when a conversation starts, when a visitor's message or contact form is stored
/// and when a conversation changes, so the playbook can answer without the write path knowing about playbooks.
/// </summary>
internal interface IConversationBot
{
    ValueTask ConversationStartedAsync(Conversation conversation, CancellationToken cancellationToken);

    ValueTask VisitorPostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="VisitorPostedAsync"/> may answer in <paramref name="workspace"/> a message sent at
    /// <paramref name="sentAt"/>: <see langword="false"/> only while the workspace is known, from a read younger than
    /// <see cref="LiveChatOptions.WorkspaceCacheDuration"/> at that instant, to have no playbook published (then no
    /// conversation there has a run). Only the embedded store gives that knowledge: over a store other processes write, a
    /// playbook published there may have a run here already, so the bot is always asked. A lookup; never reads the store
    /// or the clock.
    /// </summary>
    bool MayAnswer(WorkspaceId workspace, DateTimeOffset sentAt);

    /// <summary>The visitor submitted a contact form, already resolved and shown to the agent; the bot moves on.</summary>
    ValueTask ContactFormSubmittedAsync(Conversation conversation, CancellationToken cancellationToken);

    void Observe(Conversation before, Conversation after);
}
