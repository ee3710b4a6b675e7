namespace LiveChat.Core.Playbooks;

/// <summary>
/// The bot asks the visitor to introduce themselves (name, e-mail, phone) and waits for
/// <see cref="Conversations.VisitorService.SubmitContactFormAsync"/>. Skipped when the contact is already known.
/// </summary>
public sealed record ContactFormCard : PlaybookCard
{
    /// <summary>The invitation; the localized system text when <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>The next card's id.</summary>
    public required string Next { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => [Next];
}
