using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// For store adapters: whether <paramref name="exception"/> is a failure to report as unavailable, that is anything
    /// but a refusal the SDK defines (a <see cref="LiveChatException"/> or an <see cref="ArgumentException"/>), a
    /// cancellation or a call on a disposed store.
    /// </summary>
    public static bool IsStoreFailure(Exception exception) => exception is not (LiveChatException or ArgumentException or OperationCanceledException or ObjectDisposedException);

    /// <summary>For store adapters: logs <paramref name="cause"/> as an error and returns the exception to throw in its place.</summary>
    /// <param name="operation">What the store was doing, such as the port method's name.</param>
    /// <param name="cause">The driver's failure.</param>
    /// <param name="logger">The adapter's logger.</param>
    public static StoreUnavailableException Logged(string operation, Exception cause, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        LogFailure(logger, operation, cause);
        return new StoreUnavailableException(operation, cause);
    }

    private static readonly Action<ILogger, string, Exception?> LogFailure =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(100, "StoreUnavailable"), "The store failed during {Operation}; the caller gets StoreUnavailableException");

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Unavailable;
}
