namespace LiveChat.AspNetCore.Wire;

/// <summary>A conversation the visitor hub started (feature W1). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="Credential">The visitor's secret for this conversation: keep it like a password and present it to resume, in the <c>Authorization: Bearer</c> header, never in a URL. Browsers get it in an HttpOnly cookie from the session endpoint instead.</param>
/// <param name="State">The conversation as the visitor sees it.</param>
public sealed record VisitorStarted(
    string Credential,
    VisitorState State);
