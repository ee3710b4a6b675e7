namespace LiveChat.Core;

/// <summary>
/// What kind of refusal a <see cref="LiveChatException"/> is, so that a host maps every SDK error to a response in one
/// line: <c>Results.Problem(e.Message, statusCode: e.Category.ToHttpStatusCode())</c>. Bad arguments are
/// <see cref="ArgumentException"/>s, which <see cref="LiveChatException.CategoryOf"/> reports as <see cref="Invalid"/>.
/// </summary>
public enum LiveChatErrorCategory
{
    /// <summary>The thing named does not exist in the workspace, or the caller may not see it (HTTP 404).</summary>
    NotFound = 1,

    /// <summary>The current state refuses the call: another writer won, the conversation ended, an offer expired (HTTP 409).</summary>
    Conflict = 2,

    /// <summary>The caller is known but may not do this: not the owner, not the allowed sender, an unverified signature (HTTP 403).</summary>
    Forbidden = 3,

    /// <summary>The request cannot succeed as made: fix the input or the configuration first (HTTP 400).</summary>
    Invalid = 4,

    /// <summary>The store failed or cannot be used; the cause is inside, the failure is logged, retry later (HTTP 503).</summary>
    Unavailable = 5,
}
