namespace LiveChat.Core.Playbooks;

/// <summary>One defect of a playbook, with where it is. Immutable.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Path">
/// Where, as a JSON path into the playbook's JSON form, such as <c>$.cards[3].options[1].next</c>; for JSON that could
/// not be read, the path the reader stopped at.
/// </param>
/// <param name="CardId">The card's id, when the defect belongs to a card.</param>
/// <param name="Message">A sentence for the playbook's author.</param>
public sealed record PlaybookDefect(PlaybookDefectKind Kind, string Path, string? CardId, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => CardId is null ? $"{Path}: {Message}" : $"{Path} (card '{CardId}'): {Message}";
}
