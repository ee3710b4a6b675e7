namespace LiveChat.Core;

/// <summary>A playbook was published with a version that is not newer than the one already published. Nothing was changed.</summary>
public sealed class PlaybookVersionConflictException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public PlaybookVersionConflictException(string playbookId, int version, int publishedVersion)
        : base($"Playbook '{playbookId}' version {version} cannot be published: version {publishedVersion} is already published; use a higher version.")
    {
        PlaybookId = playbookId;
        Version = version;
        PublishedVersion = publishedVersion;
    }

    /// <summary>The playbook's id.</summary>
    public string PlaybookId { get; }

    /// <summary>The version refused.</summary>
    public int Version { get; }

    /// <summary>The newest version already published.</summary>
    public int PublishedVersion { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
