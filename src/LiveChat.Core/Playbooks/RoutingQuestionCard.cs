namespace LiveChat.Core.Playbooks;

/// <summary>
/// The routing question (feature P5): "are you a customer?", in the playbook's language. It is asked only on new inbound
/// conversations of anonymous visitors; when the contact is known it is skipped and the customer path is taken. The
/// visitor answers 1 or 2, with an offered answer, or in their own words (negation and affirmation of the playbook's
/// language and of English, diacritics folded); an answer that says neither is asked again once, and a second one hands
/// the visitor to the whole workspace, recorded as <c>unsure</c> (seed 004).
/// </summary>
public sealed record RoutingQuestionCard : PlaybookCard
{
    /// <summary>The question; the localized system text when <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Where customers go: usually a contact form, then a live-chat card to support or an end card redirecting them.</summary>
    public required string CustomerNext { get; init; }

    /// <summary>Where prospects go: usually qualification, then follow-up actions.</summary>
    public required string ProspectNext { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => [CustomerNext, ProspectNext];
}
