using System.Collections.Immutable;

namespace LiveChat.Core.Playbooks;

/// <summary>Runs follow-up actions in order (features P4, P5, P6): CRM items, tags, assignment to a team. Then goes on.</summary>
public sealed record FollowUpActionsCard : PlaybookCard
{
    /// <summary>The actions, run in order.</summary>
    public required ImmutableArray<FollowUpAction> Actions { get; init; }

    /// <summary>The next card's id; <see langword="null"/> ends the bot's part here.</summary>
    public string? Next { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => Next is null ? [] : [Next];
}
