namespace LiveChat.AspNetCore.Wire;

/// <summary>The bot asks the widget to show a form (feature P7). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Kind"><c>ContactForm</c> or <c>TranscriptOffer</c>.</param>
/// <param name="Text">The invitation, in <paramref name="Language"/>.</param>
/// <param name="Language">The playbook's language.</param>
public sealed record VisitorFormRequest(
    string ConversationId,
    string Kind,
    string Text,
    string Language);
