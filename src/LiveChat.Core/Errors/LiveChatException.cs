namespace LiveChat.Core;

/// <summary>The base of every exception the SDK throws for a refused operation. Nothing was changed when it is thrown.</summary>
public abstract class LiveChatException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    protected LiveChatException(string message)
        : base(message)
    {
    }
}
