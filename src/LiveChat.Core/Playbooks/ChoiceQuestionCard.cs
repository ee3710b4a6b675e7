using System.Collections.Immutable;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// The bot asks a question with fixed answers and waits; the answer chosen decides the path. Any other reply repeats the
/// options.
/// </summary>
public sealed record ChoiceQuestionCard : PlaybookCard
{
    /// <summary>The question.</summary>
    public required string Text { get; init; }

    /// <summary>The answers, in the order shown.</summary>
    public required ImmutableArray<ChoiceOption> Options { get; init; }

    /// <summary>The key the chosen label is recorded under in <see cref="PlaybookRun.Answers"/>; the card's id when <see langword="null"/>.</summary>
    public string? AnswerKey { get; init; }

    /// <inheritdoc/>
    public override bool AlwaysWaitsForVisitor => true;

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => Options.IsDefault ? [] : Options.Where(o => o is not null).Select(o => o.Next);
}
