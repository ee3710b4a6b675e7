namespace LiveChat.Core;

/// <summary>
/// An e-mail would be sent for a workspace with no sender address: neither its <c>EmailSettings.Sender</c> nor
/// <c>EmailOptions.DefaultSenderAddress</c> is set (feature E2). Nothing was changed.
/// </summary>
public sealed class EmailSenderNotConfiguredException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public EmailSenderNotConfiguredException(WorkspaceId workspace)
        : base($"Workspace {workspace} has no e-mail sender: set its admin address with engine.Email.Configure, or LiveChatOptions.Email.DefaultSenderAddress.")
        => Workspace = workspace;

    /// <summary>The workspace.</summary>
    public WorkspaceId Workspace { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Invalid;
}
