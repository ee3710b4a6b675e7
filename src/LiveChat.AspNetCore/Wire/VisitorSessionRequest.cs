namespace LiveChat.AspNetCore.Wire;

/// <summary>The body of <c>POST {prefix}/visitor/session</c>, which starts or resumes a browser visitor's conversation (feature W1). Immutable.</summary>
/// <param name="WidgetKey">The public widget key.</param>
/// <param name="VisitorName">The visitor's name for a new conversation, if known; at most 200 characters.</param>
public sealed record VisitorSessionRequest(string WidgetKey, string? VisitorName = null);
