namespace LiveChat.Core.Playbooks;

/// <summary>The bot says something, then goes on to <see cref="Next"/>.</summary>
public sealed record MessageCard : PlaybookCard
{
    /// <summary>What the bot says.</summary>
    public required string Text { get; init; }

    /// <summary>The next card's id; <see langword="null"/> ends the bot's part here.</summary>
    public string? Next { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => Next is null ? [] : [Next];
}
