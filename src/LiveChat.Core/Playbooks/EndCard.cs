namespace LiveChat.Core.Playbooks;

/// <summary>
/// The bot's part ends here. The conversation itself stays open for an agent. With a <see cref="Redirect"/> the bot tells
/// the visitor where else to get help (feature P5).
/// </summary>
public sealed record EndCard : PlaybookCard
{
    /// <summary>What the bot says last; nothing when both this and <see cref="Redirect"/> are <see langword="null"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Another channel to send the visitor to; said in the playbook's language after <see cref="Text"/>.</summary>
    public ChannelRedirect? Redirect { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Targets() => [];
}
