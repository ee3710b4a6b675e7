namespace LiveChat.AspNetCore.Wire;

/// <summary>The body of <c>POST {prefix}/visitor/session</c>, which starts or resumes a browser visitor's conversation (feature W1). Immutable.</summary>
/// <param name="WidgetKey">The public widget key.</param>
/// <param name="VisitorName">The visitor's name for a new conversation, if known; at most 200 characters.</param>
/// <param name="ResumeOnly">
/// <see langword="true"/> on a page load: answer the conversation of the visitor cookie, ended or not (200), or nothing
/// (204) when there is none, and never start one, so a page view alone creates no conversation. <see langword="false"/>
/// (the default) when the visitor opens the chat or asks for a new one: resume the cookie's conversation unless it has
/// ended, else start one (201).
/// </param>
public sealed record VisitorSessionRequest(string WidgetKey, string? VisitorName = null, bool ResumeOnly = false);
