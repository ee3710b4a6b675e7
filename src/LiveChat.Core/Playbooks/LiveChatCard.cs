namespace LiveChat.Core.Playbooks;

/// <summary>
/// The live-chat handoff (feature P3). The bot asks the router whether anyone is available for the target: yes, the
/// conversation goes to Unassigned and routing starts; no (everyone offline or busy), the conversation goes offline and
/// the offline flow under this card runs.
/// </summary>
public sealed record LiveChatCard : PlaybookCard
{
    /// <summary>What the bot says before the handoff; the localized "connecting you" text when <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>The team to route to; the whole workspace when neither this nor <see cref="Agent"/> is set.</summary>
    public string? Team { get; init; }

    /// <summary>A named teammate to route to; <see cref="Team"/> is then their fallback team.</summary>
    public string? Agent { get; init; }

    /// <summary>The id of the <see cref="OfflineFlowCard"/> that runs when nobody is available. Required.</summary>
    public string? OfflineFlow { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => OfflineFlow is null ? [] : [OfflineFlow];
}
