namespace LiveChat.AspNetCore.Wire;

/// <summary>
/// How the visitor widget looks and speaks (features P2, W3): the appearance and language of the conversation's playbook,
/// or of the workspace's active one, or the defaults when none is published. Part of the hub contract: serialized as JSON
/// with camelCase names; immutable.
/// </summary>
/// <param name="BotName">The bot's display name.</param>
/// <param name="PrimaryColor">The header and button colour, a CSS hex colour such as <c>#1F6FEB</c>.</param>
/// <param name="TextColor">The text colour on <paramref name="PrimaryColor"/>, a CSS hex colour.</param>
/// <param name="Icon">The playbook's icon name, such as <c>robot</c>, or <see langword="null"/>.</param>
/// <param name="Language">The playbook's language, a BCP 47 tag such as <c>en</c> or <c>cs</c>: the widget's own texts follow it.</param>
public sealed record WidgetAppearance(
    string BotName,
    string PrimaryColor,
    string TextColor,
    string? Icon,
    string Language);
