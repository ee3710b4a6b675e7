namespace LiveChat.Core.Conversations;

/// <summary>
/// What a visitor may see of their conversation: its number, state and who they are talking to. Agents' notes, deal
/// values and other internal details are never part of it.
/// </summary>
/// <param name="Id">The conversation's id.</param>
/// <param name="Number">The conversation number (feature C2).</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="CounterpartName">The bot's name, or the agent's once one joined (feature C4).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended, if it has.</param>
/// <param name="LastSequence">The last message's sequence number.</param>
public sealed record VisitorConversationView(
    ConversationId Id, long Number, ConversationState State, string CounterpartName, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long LastSequence)
{
    /// <inheritdoc cref="ConversationView.Version"/>
    public long Version { get; init; }

    internal static VisitorConversationView From(Conversation c) => ConversationView.From(c).ToVisitorView();
}
