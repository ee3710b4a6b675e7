namespace LiveChat.Core.Playbooks;

/// <summary>
/// The head of the offline flow under a <see cref="LiveChatCard"/> (feature P4): the bot says nobody is available, then
/// the path goes on, usually to qualification and follow-up actions.
/// </summary>
public sealed record OfflineFlowCard : PlaybookCard
{
    /// <summary>What the bot says; the localized "nobody is available" text when <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>The next card's id.</summary>
    public required string Next { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => [Next];
}
