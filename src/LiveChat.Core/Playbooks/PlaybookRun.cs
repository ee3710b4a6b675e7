using System.Collections.Immutable;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// A conversation's place in a playbook: the card, the playbook version it started on, and the answers so far.
/// Immutable; thread-safe.
/// </summary>
/// <remarks>
/// This is all a waiting conversation holds: a few references into the shared, immutable playbook, never a state machine
/// of its own. The one Stateless machine of the playbook version reads and writes the card id through its external
/// state accessor while it fires. Stored by <see cref="IPlaybookRunStore"/>.
/// </remarks>
public sealed record PlaybookRun
{
    /// <summary>The playbook's id.</summary>
    public required string PlaybookId { get; init; }

    /// <summary>The playbook version the conversation started on; it finishes on it even after a newer one is published.</summary>
    public required int Version { get; init; }

    /// <summary>The card the bot waits at, or the last card it reached.</summary>
    public required string CardId { get; init; }

    /// <summary>Waiting, handed off, finished or stopped.</summary>
    public PlaybookRunStatus Status { get; init; }

    /// <summary>The visitor's answers by answer key (a card's <c>AnswerKey</c>, else its id); routing answers are <c>customer</c>, <c>prospect</c>, or <c>unsure</c> once the question was asked again (and when the visitor, still unsure, was handed to the workspace).</summary>
    public ImmutableDictionary<string, string> Answers { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>A form shown to the visitor and not yet submitted, if any.</summary>
    public PlaybookFormKind? PendingForm { get; init; }

    /// <summary>Whether the transcript form was offered after the end (feature P7).</summary>
    public bool TranscriptOffered { get; init; }

    /// <summary>
    /// CRM records the follow-up actions landed on, oldest first, each once: those they created, and the client's record
    /// identity resolution filed or found, which a lead action gives way to and a deal action attaches to (feature P4).
    /// </summary>
    public ImmutableArray<CrmRecordId> CrmRecords { get; init; } = [];
}
