using System.Collections.Immutable;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>The identifiers a conversation gave, as resolved; re-resolving the conversation starts from them.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="Identifiers">What it gave.</param>
public sealed record ConversationObserved(ConversationId ConversationId, string Channel, ImmutableArray<ContactIdentifier> Identifiers) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => false;

    internal override IdentityEvent Redact(ErasureScope scope)
        => scope.Covers(ConversationId) ? this with { Identifiers = [.. Identifiers.Select(i => i.Redacted())] } : this;
}
