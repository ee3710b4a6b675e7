namespace LiveChat.Core;

/// <summary>A message is longer than <see cref="LiveChatOptions.MaxMessageLength"/> (feature C3).</summary>
public sealed class MessageTooLongException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public MessageTooLongException(int length, int maxLength, string? paramName)
        : base($"The message is {length} characters long; at most {maxLength} are allowed.", paramName)
    {
        Length = length;
        MaxLength = maxLength;
    }

    /// <summary>The length of the refused message.</summary>
    public int Length { get; }

    /// <summary>The configured maximum.</summary>
    public int MaxLength { get; }
}
