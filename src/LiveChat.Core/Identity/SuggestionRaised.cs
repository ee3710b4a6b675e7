namespace LiveChat.Core.Identity;

/// <summary>A possible duplicate was reported instead of merged (feature I6).</summary>
/// <param name="Suggestion">The suggestion.</param>
public sealed record SuggestionRaised(MergeSuggestion Suggestion) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Suggestion.Contact == contact || Suggestion.Other == contact;

    internal override IdentityEvent Redact(ErasureScope scope)
        => (scope.Covers(Suggestion.Contact) || scope.Covers(Suggestion.Other)) && Suggestion.Identifier is { } id
            ? this with { Suggestion = Suggestion with { Identifier = id.Redacted() } }
            : this;
}
