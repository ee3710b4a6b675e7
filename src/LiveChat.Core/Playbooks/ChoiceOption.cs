namespace LiveChat.Core.Playbooks;

/// <summary>One answer of a <see cref="ChoiceQuestionCard"/>. Immutable.</summary>
/// <param name="Label">The answer as shown; the visitor picks it by typing it (case and surrounding spaces ignored) or its number.</param>
/// <param name="Next">The card this answer leads to.</param>
public sealed record ChoiceOption(string Label, string Next);
