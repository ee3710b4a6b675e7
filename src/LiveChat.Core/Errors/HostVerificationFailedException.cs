namespace LiveChat.Core;

/// <summary>An external user id came with a signature that does not verify, or the workspace has no secret to check it.</summary>
public sealed class HostVerificationFailedException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public HostVerificationFailedException(string reason)
        : base($"The external user id could not be verified: {reason}.")
        => Reason = reason;

    /// <summary>Why the id was not verified, as the message gives it; carried so the exception can cross processes whole.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Forbidden;
}
