using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Issue12.Checks;

public enum StoreKind { InMemory, Sqlite, PostgreSql }

/// <summary>
/// A host as a developer would wire it: DI, AddLiveChat, a FakeTimeProvider, and optionally a durable store.
/// One workspace per host unless a test asks for more.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public ServiceProvider Provider { get; }
    public LiveChatEngine Chat { get; }
    public FakeTimeProvider Time { get; }
    public WorkspaceId Ws { get; }
    public StoreKind Store { get; }
    public string? ConnectionString { get; }

    private TestHost(StoreKind store, string? connectionString, FakeTimeProvider time, WorkspaceId ws, IdentitySettings? settings)
    {
        Store = store;
        ConnectionString = connectionString;
        Time = time;
        Ws = ws;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddLiveChat();
        switch (store)
        {
            case StoreKind.Sqlite: builder.UseSqlite(connectionString!); break;
            case StoreKind.PostgreSql: builder.UsePostgreSql(connectionString!); break;
        }
        Provider = services.BuildServiceProvider();
        Chat = Provider.GetRequiredService<LiveChatEngine>();
        Chat.Identity.Configure(ws, settings ?? new IdentitySettings { DefaultRegion = "FR" });
    }

    public static TestHost Create(IdentitySettings? settings = null, string workspace = "acme") =>
        new(StoreKind.InMemory, null, NewTime(), new WorkspaceId(workspace), settings);

    public static TestHost CreateSqlite(string file, IdentitySettings? settings = null, FakeTimeProvider? time = null) =>
        new(StoreKind.Sqlite, $"Data Source={file}", time ?? NewTime(), new WorkspaceId("acme"), settings);

    public static TestHost CreatePostgres(string cs, string workspace, IdentitySettings? settings = null, FakeTimeProvider? time = null) =>
        new(StoreKind.PostgreSql, cs, time ?? NewTime(), new WorkspaceId(workspace), settings);

    public static TestHost Create(StoreKind kind, string? fileOrCs, IdentitySettings? settings = null) => kind switch
    {
        StoreKind.InMemory => Create(settings),
        StoreKind.Sqlite => CreateSqlite(fileOrCs!, settings),
        _ => CreatePostgres(fileOrCs!, "ws-" + Guid.NewGuid().ToString("N")[..12], settings),
    };

    /// <summary>A second host on the same durable store and clock: a process restart.</summary>
    public TestHost Restart(IdentitySettings? settings = null) =>
        new(Store, ConnectionString, Time, Ws, settings ?? Chat.Identity.GetSettings(Ws)) { ownsFile = false };

    public static FakeTimeProvider NewTime() => new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public async Task<(ConversationId Id, VisitorToken Token)> StartAsync(string channel = "webchat", WorkspaceId? ws = null)
    {
        var started = await Chat.Conversations.StartAsync(ws ?? Ws, new StartConversationRequest { Channel = channel });
        Time.Advance(TimeSpan.FromMinutes(1));
        return (started.Conversation.Id, started.VisitorToken);
    }

    public ValueTask<IdentifyResult> IdentifyAsync(ConversationId id, string? handle = null, string? name = null,
        string? email = null, string? phone = null, WorkspaceId? ws = null) =>
        Chat.Identity.IdentifyAsync(ws ?? Ws, new IdentifyRequest
        {
            ConversationId = id,
            ChannelHandle = handle,
            Name = name,
            Email = email,
            Phone = phone,
        });

    /// <summary>Starts a conversation on <paramref name="channel"/> and identifies it in one go.</summary>
    public async Task<(ConversationId Id, VisitorToken Token, IdentifyResult Result)> ChatAsync(string channel,
        string? handle = null, string? name = null, string? email = null, string? phone = null)
    {
        var (id, token) = await StartAsync(channel);
        var result = await IdentifyAsync(id, handle, name, email, phone);
        return (id, token, result);
    }

    public async Task<ContactId?> ContactOfAsync(ConversationId id) =>
        (await Chat.Identity.FindByConversationAsync(Ws, id))?.Id;

    public async Task<IReadOnlyList<ConversationId>> HistoryAsync(ConversationId id) =>
        await Chat.Identity.GetVisitorHistoryAsync(Ws, id);

    public async Task<IReadOnlyList<Contact>> ActiveContactsAsync() =>
        (await Chat.Identity.GetContactsAsync(Ws)).Where(c => c.IsActive).ToList();

    /// <summary>Active contacts that hold an identifier with this kind and normalized value.</summary>
    public async Task<IReadOnlyList<Contact>> HoldersAsync(IdentifierKind kind, string value) =>
        (await ActiveContactsAsync())
            .Where(c => c.Identifiers.Any(l => l.Identifier.Kind == kind && l.Identifier.Value == value))
            .ToList();

    private bool ownsFile = true;

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (Store == StoreKind.Sqlite && ownsFile) TempDb.Delete(ConnectionString!["Data Source=".Length..]);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>
    /// Everything an object exposes, as JSON text. Used to assert that a value handed to a visitor carries no
    /// personal data of someone else, whatever shape the fix gives the returned type.
    /// </summary>
    public static string Dump(object? value)
    {
        if (value is null) return "null";
        try { return JsonSerializer.Serialize(value, value.GetType(), JsonOptions); }
        catch (Exception e) { return value.ToString() + " /* not serializable: " + e.GetType().Name + " */"; }
    }
}

/// <summary>A fact that runs only when LIVECHAT_POSTGRES holds an Npgsql connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES")))
            Skip = "LIVECHAT_POSTGRES is not set";
    }
}

public static class TempDb
{
    public static string NewFile() =>
        Path.Combine(Path.GetTempPath(), "livechat-issue12-" + Guid.NewGuid().ToString("N") + ".db");

    public static void Delete(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            try { File.Delete(f); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
