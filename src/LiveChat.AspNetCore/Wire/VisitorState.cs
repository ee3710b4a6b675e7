namespace LiveChat.AspNetCore.Wire;

/// <summary>What a visitor may know of their conversation (features C2, C4, W2): no notes, deal values or agent-only details. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Number">The conversation number shown to the visitor.</param>
/// <param name="State"><c>BotFlow</c>, <c>Unassigned</c>, <c>Assigned</c>, <c>Offline</c> or <c>Ended</c>: close the reply box on <c>Ended</c>.</param>
/// <param name="CounterpartName">The bot's name, or the agent's once one joined.</param>
/// <param name="LastSequence">The sequence of the conversation's last message when the state was read.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended, if it has.</param>
/// <param name="Version">
/// The conversation's stored version when the state was read: higher is newer, in replies and <c>StateChanged</c> pushes
/// alike. A client keeps the highest it saw for the conversation and ignores a state with a lower one (a late push).
/// </param>
public sealed record VisitorState(
    string ConversationId,
    long Number,
    string State,
    string CounterpartName,
    long LastSequence,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long Version);
