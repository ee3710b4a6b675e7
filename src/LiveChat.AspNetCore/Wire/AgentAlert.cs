namespace LiveChat.AspNetCore.Wire;

/// <summary>A notification for exactly the agent it names (feature N1), sent to every connection of that agent. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Kind"><c>NewRequest</c>, <c>RequestTaken</c> (clear the alert), <c>Offered</c>, <c>OfferWithdrawn</c>, <c>Assigned</c>, <c>ReassignedToYou</c>, <c>ReassignedAway</c>, <c>NewMessage</c> or <c>Ended</c>.</param>
/// <param name="AgentId">The notified agent.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="MessageSequence">The new message's sequence, for <c>NewMessage</c>.</param>
/// <param name="OfferToken">The offer's token, for <c>Offered</c> only.</param>
/// <param name="OfferExpiresAt">When the offer expires.</param>
public sealed record AgentAlert(
    string ConversationId,
    string Kind,
    string AgentId,
    DateTimeOffset OccurredAt,
    long? MessageSequence,
    long? OfferToken,
    DateTimeOffset? OfferExpiresAt);
