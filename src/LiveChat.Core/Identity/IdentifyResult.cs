using System.Collections.Immutable;

namespace LiveChat.Core.Identity;

/// <summary>The result of resolving a conversation (features I2–I4, I6). Immutable.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Contact">The contact the conversation belongs to; <see langword="null"/> when tracking is off.</param>
/// <param name="Suggestions">Possible duplicates reported instead of merged.</param>
/// <param name="ProposedChanges">Differing values that were not overwritten.</param>
/// <param name="Ignored">Identifiers not linked: blocked, tombstoned, or shared by too many contacts.</param>
/// <param name="HistoryVisibleToVisitor">
/// Whether the visitor may be shown the contact's other conversations: only when the match is proven by the channel or
/// the host, never by something the visitor typed.
/// </param>
public sealed record IdentifyResult(
    IdentifyOutcome Outcome,
    Contact? Contact,
    ImmutableArray<MergeSuggestion> Suggestions,
    ImmutableArray<ProposedFieldChange> ProposedChanges,
    ImmutableArray<ContactIdentifier> Ignored,
    bool HistoryVisibleToVisitor)
{
    /// <summary>Typed values set aside with their raw text and a reason (placeholders, a malformed optional form field); never thrown.</summary>
    public ImmutableArray<IgnoredValue> IgnoredValues { get; init; } = [];
}
