namespace LiveChat.AspNetCore.Wire;

/// <summary>A conversation's transcript (feature C9); agents only. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Messages">Every message, in order.</param>
/// <param name="PlainText">The transcript as plain text, in UTC.</param>
public sealed record WireTranscript(
    string ConversationId,
    IReadOnlyList<WireMessage> Messages,
    string PlainText);
