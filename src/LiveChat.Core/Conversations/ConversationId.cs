namespace LiveChat.Core.Conversations;

/// <summary>Identifies a conversation. Ids are unique across workspaces, but are only ever resolved within one.</summary>
/// <param name="Value">The underlying Guid (version 7, so ids sort by creation time in a database index).</param>
public readonly record struct ConversationId(Guid Value)
{
    /// <summary>Parses an id produced by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not a Guid.</exception>
    public static ConversationId Parse(string text) => new(Guid.Parse(text));

    /// <inheritdoc />
    public override string ToString() => Value.ToString("N");
}
