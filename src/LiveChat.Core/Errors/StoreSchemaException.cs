namespace LiveChat.Core;

/// <summary>
/// A durable store's database was written by a newer version of LiveChat.Core than the running one. Nothing was read
/// or changed: upgrade the application, or point it at another database.
/// </summary>
public sealed class StoreSchemaException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="foundVersion">The schema version recorded in the database.</param>
    /// <param name="supportedVersion">The newest schema version this code knows.</param>
    public StoreSchemaException(int foundVersion, int supportedVersion)
        : base($"The database has schema version {foundVersion}, newer than version {supportedVersion} that this version of LiveChat.Core supports. Upgrade the application before using this database.")
    {
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The schema version recorded in the database.</summary>
    public int FoundVersion { get; }

    /// <summary>The newest schema version this code knows.</summary>
    public int SupportedVersion { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Unavailable;
}
