namespace LiveChat.Core;

/// <summary>
/// Another writer appended to the workspace's identity log first; nothing was written. The engine handles it by reading
/// the new entries and deciding again, so hosts only see it from a custom <see cref="Storage.IIdentityLogStore"/>.
/// </summary>
public sealed class IdentityLogConflictException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public IdentityLogConflictException(WorkspaceId workspace, long expectedLastSequence, long actualLastSequence)
        : base($"The identity log of workspace '{workspace}' ends at entry {actualLastSequence}, not the expected {expectedLastSequence}.")
    {
        Workspace = workspace;
        ExpectedLastSequence = expectedLastSequence;
        ActualLastSequence = actualLastSequence;
    }

    /// <summary>The workspace.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The last sequence the writer had read.</summary>
    public long ExpectedLastSequence { get; }

    /// <summary>The last sequence in the store.</summary>
    public long ActualLastSequence { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
