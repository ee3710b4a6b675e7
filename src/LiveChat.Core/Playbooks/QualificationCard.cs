namespace LiveChat.Core.Playbooks;

/// <summary>Records on the conversation whether the visitor is a qualified lead (feature P6), then goes on.</summary>
public sealed record QualificationCard : PlaybookCard
{
    /// <summary>The outcome recorded in <see cref="Conversations.ConversationDetails.Qualified"/>.</summary>
    public required bool Qualified { get; init; }

    /// <summary>The next card's id; <see langword="null"/> ends the bot's part here.</summary>
    public string? Next { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => Next is null ? [] : [Next];
}
