using LiveChat.Core.Conversations;

namespace LiveChat.Core.Crm;

/// <summary>
/// Where a CRM record came from (seed 001, "added from chat"): the channel and the conversation it was created from, so
/// the CRM's card can say the record was added from chat and link back to it. Immutable.
/// </summary>
/// <param name="Channel">The conversation's channel, such as <c>webchat</c> or <c>instagram</c>.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="ConversationNumber">The conversation's number in its workspace (feature C2), as shown to the visitor and the agent.</param>
public sealed record CrmRecordOrigin(string Channel, ConversationId ConversationId, long ConversationNumber);
