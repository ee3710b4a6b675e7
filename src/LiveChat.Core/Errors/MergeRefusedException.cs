namespace LiveChat.Core;

/// <summary>A merge, or the undo of one, was refused, for the reason given; nothing was changed (features I5, I6).</summary>
public sealed class MergeRefusedException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public MergeRefusedException(string reason)
        : base($"Merge refused: {reason}.")
        => Reason = reason;

    /// <summary>Why the merge or undo was refused, as the message gives it; carried so the exception can cross processes whole.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
