namespace LiveChat.AspNetCore.Wire;

/// <summary>A conversation as an agent's inbox shows it (features C5, W4). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Number">The conversation number.</param>
/// <param name="State"><c>BotFlow</c>, <c>Unassigned</c>, <c>Assigned</c>, <c>Offline</c> or <c>Ended</c>.</param>
/// <param name="Channel">The channel, such as <c>webchat</c>.</param>
/// <param name="VisitorName">The visitor's name.</param>
/// <param name="AssignedAgentId">The owner's id, when assigned.</param>
/// <param name="AssignedAgentName">The owner's name as the visitor sees it, when assigned.</param>
/// <param name="LastSequence">The last message's sequence.</param>
/// <param name="Version">The conversation's stored version, in replies and <c>ConversationChanged</c> pushes alike: higher is newer. A client keeps the highest it saw and ignores a conversation with a lower one (a push that arrived after a newer reply).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended, if it has.</param>
/// <param name="OfferedTo">The agent the conversation is offered to (offer mode), if any.</param>
/// <param name="OfferToken">The live offer's token, for accepting or declining it: only in a reply to the agent the offer is addressed to, never in a push (that agent gets it in its <c>Offered</c> alert).</param>
/// <param name="OfferExpiresAt">When the live offer expires.</param>
public sealed record AgentConversation(
    string ConversationId,
    long Number,
    string State,
    string Channel,
    string VisitorName,
    string? AssignedAgentId,
    string? AssignedAgentName,
    long LastSequence,
    long Version,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? OfferedTo,
    long? OfferToken,
    DateTimeOffset? OfferExpiresAt);
