namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>A database file in a fresh temporary folder, deleted with the folder.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("livechat-sqlite-").FullName;
        Path = System.IO.Path.Combine(Folder, "livechat.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        // Pooled connections keep the file open; clear them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
