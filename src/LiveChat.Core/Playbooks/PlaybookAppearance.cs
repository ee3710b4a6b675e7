namespace LiveChat.Core.Playbooks;

/// <summary>How the host's widget shows the bot (feature P2). Immutable.</summary>
public sealed record PlaybookAppearance
{
    /// <summary>The bot's name, shown next to its messages until an agent joins. Default "Assistant".</summary>
    public string BotName { get; init; } = "Assistant";

    /// <summary>The widget's main colour, as <c>#RRGGBB</c>. Default <c>#1F6FEB</c>.</summary>
    public string PrimaryColor { get; init; } = "#1F6FEB";

    /// <summary>The colour of text on the main colour, as <c>#RRGGBB</c>. Default <c>#FFFFFF</c>.</summary>
    public string TextColor { get; init; } = "#FFFFFF";

    /// <summary>The bot's icon: a URL or an icon name the host's widget knows; <see langword="null"/> for the widget's default.</summary>
    public string? Icon { get; init; }
}
