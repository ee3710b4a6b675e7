using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>
/// An automatic <see cref="ConversationMoved"/> was undone (feature I5): the conversation is back on
/// <see cref="From"/> with what it had brought there, and <see cref="To"/> lost exactly what the move gave it, keeping
/// what it gained since. Chat tracking never moves that conversation off <see cref="From"/> again on its own. Immutable.
/// </summary>
/// <param name="MoveSequence">The <see cref="IdentityEvent.Sequence"/> of the <see cref="ConversationMoved"/> undone.</param>
/// <param name="From">The contact the conversation returns to.</param>
/// <param name="To">The contact it leaves.</param>
/// <param name="ConversationId">The conversation.</param>
public sealed record ConversationMoveUndone(long MoveSequence, ContactId From, ContactId To, ConversationId ConversationId) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => From == contact || To == contact;

    internal override IdentityEvent Redact(ErasureScope scope) => this;
}
