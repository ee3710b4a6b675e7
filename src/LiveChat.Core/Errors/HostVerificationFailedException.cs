namespace LiveChat.Core;

/// <summary>An external user id came with a signature that does not verify, or the workspace has no secret to check it.</summary>
public sealed class HostVerificationFailedException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public HostVerificationFailedException(string reason)
        : base($"The external user id could not be verified: {reason}.")
    {
    }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Forbidden;
}
