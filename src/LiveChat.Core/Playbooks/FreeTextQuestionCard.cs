namespace LiveChat.Core.Playbooks;

/// <summary>
/// The bot asks an open question and waits; the answer is recorded in <see cref="PlaybookRun.Answers"/>. An answer that
/// fails <see cref="Validation"/> is refused with a localized hint and the question stays open.
/// </summary>
public sealed record FreeTextQuestionCard : PlaybookCard
{
    /// <summary>The question.</summary>
    public required string Text { get; init; }

    /// <summary>What the answer must be. Default <see cref="AnswerValidation.None"/>.</summary>
    public AnswerValidation Validation { get; init; }

    /// <summary>The key the answer is recorded under; the card's id when <see langword="null"/>.</summary>
    public string? AnswerKey { get; init; }

    /// <summary>The next card's id.</summary>
    public required string Next { get; init; }

    /// <inheritdoc/>
    public override bool AlwaysWaitsForVisitor => true;

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => [Next];
}
