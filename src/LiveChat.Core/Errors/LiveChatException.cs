namespace LiveChat.Core;

/// <summary>
/// The base of every exception the SDK throws for a refused operation. Nothing was changed when it is thrown. Its
/// <see cref="Category"/> says how a host should answer; messages never contain a secret such as a visitor token.
/// </summary>
public abstract class LiveChatException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    protected LiveChatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around the failure that caused it.</summary>
    protected LiveChatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What kind of refusal this is; see <see cref="LiveChatErrorCategory"/>.</summary>
    public abstract LiveChatErrorCategory Category { get; }

    /// <summary>
    /// The category of any exception an SDK call threw: a <see cref="LiveChatException"/>'s own,
    /// <see cref="LiveChatErrorCategory.Invalid"/> for an <see cref="ArgumentException"/>, and <see langword="null"/> for
    /// anything else (cancellation, or a bug to let through).
    /// </summary>
    public static LiveChatErrorCategory? CategoryOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            LiveChatException e => e.Category,
            ArgumentException => LiveChatErrorCategory.Invalid,
            _ => null,
        };
    }
}
