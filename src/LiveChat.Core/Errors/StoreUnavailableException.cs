namespace LiveChat.Core;

/// <summary>
/// The store failed in a way the caller cannot fix: the database is unreachable, refused the statement, or holds a row
/// this version cannot read. The driver's exception is the <see cref="Exception.InnerException"/>, and the failure is
/// logged. No driver or database exception type ever reaches a host otherwise. Retry later (HTTP 503).
/// </summary>
public sealed class StoreUnavailableException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What the store was doing, such as <c>commit</c>; no values, so no personal data or secret.</param>
    /// <param name="innerException">The driver's failure.</param>
    public StoreUnavailableException(string operation, Exception innerException)
        : base($"The store failed during {operation}; nothing was acknowledged. See the inner exception.", innerException)
        => Operation = operation;

    /// <summary>What the store was doing.</summary>
    public string Operation { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Unavailable;
}
