using LiveChat.Core.Texts;
// Test harness: builds a LiveChatEngine the way a host does (AddLiveChat + an adapter), on a chosen store, and reads
// back everything the public read API shows, so that a call's effect (or absence of effect) can be compared.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Issue14.Checks;

public enum StoreKind { InMemory, Sqlite, PostgreSql }

/// <summary>A clock frozen on a whole second, so that stored times compare exactly on every store.</summary>
public sealed class FrozenClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public DateTimeOffset Now { get; set; } = Start;
    public override DateTimeOffset GetUtcNow() => Now;
}

public static class Stores
{
    public static string? Postgres => Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>The stores to run on: PostgreSQL only when LIVECHAT_POSTGRES is set (otherwise its rows do not exist).</summary>
    public static IEnumerable<StoreKind> Available()
    {
        yield return StoreKind.InMemory;
        yield return StoreKind.Sqlite;
        if (Postgres is not null) yield return StoreKind.PostgreSql;
    }

    public static IEnumerable<object[]> All() => Available().Select(s => new object[] { s });
}

/// <summary>One engine on one store, and the ability to open a second, fresh engine on the same storage.</summary>
public sealed class Env : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = new();
    public StoreKind Kind { get; }
    public string? SqlitePath { get; }
    public FrozenClock Clock { get; } = new();
    public LiveChatEngine Chat { get; private set; } = null!;
    public bool Durable => Kind != StoreKind.InMemory;

    private Env(StoreKind kind)
    {
        Kind = kind;
        if (kind == StoreKind.Sqlite)
            SqlitePath = Path.Combine(Path.GetTempPath(), "issue14-" + Guid.NewGuid().ToString("N") + ".db");
    }

    public static Env Create(StoreKind kind)
    {
        var env = new Env(kind);
        env.Chat = env.Open();
        return env;
    }

    private LiveChatEngine Open()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        var builder = services.AddLiveChat(o => o.Routing.Strategy = RoutingStrategy.Manual);
        switch (Kind)
        {
            case StoreKind.Sqlite:
                builder.UseSqlite($"Data Source={SqlitePath}");
                builder.UseSqliteEmailStore($"Data Source={SqlitePath}");
                break;
            case StoreKind.PostgreSql:
                builder.UsePostgreSql(Stores.Postgres!);
                break;
        }
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<LiveChatEngine>();
    }

    /// <summary>A second engine over the same database, as after a restart (the first one stays open).</summary>
    public LiveChatEngine OpenFresh()
    {
        if (!Durable) throw new InvalidOperationException("in-memory store has no second engine");
        return Open();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _providers) { try { await p.DisposeAsync(); } catch { /* best effort */ } }
        if (SqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { SqlitePath, SqlitePath + "-wal", SqlitePath + "-shm" })
                try { File.Delete(f); } catch { /* best effort */ }
        }
    }
}

/// <summary>
/// A populated pair of workspaces: A with agents alice and bob, team sales, a conversation owned by alice with
/// messages, one waiting in Unassigned, one in the bot flow, one ended, a contact and a CRM lead; B with its own
/// alice and a conversation she owns.
/// </summary>
public sealed class World : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, int> Unused = new();
    public Env Env { get; }
    public LiveChatEngine Chat => Env.Chat;
    public WorkspaceId A { get; }
    public WorkspaceId B { get; }
    public AgentId Alice { get; } = new("alice");
    public AgentId Bob { get; } = new("bob");
    public TeamId Sales { get; } = new("sales");
    public ConversationId Owned { get; private set; }
    public VisitorToken OwnedToken { get; private set; }
    public ConversationId Waiting { get; private set; }
    public VisitorToken WaitingToken { get; private set; }
    public ConversationId Bot { get; private set; }
    public VisitorToken BotToken { get; private set; }
    public ConversationId Ended { get; private set; }
    public ConversationId Foreign { get; private set; }
    public VisitorToken ForeignToken { get; private set; }
    public ContactId Contact { get; private set; }
    public ContactId ForeignContact { get; private set; }
    public CrmRecordId Lead { get; private set; }
    public CrmRecordId ForeignLead { get; private set; }
    public List<(WorkspaceId Ws, ConversationId Id)> Known { get; } = new();

    private World(Env env)
    {
        Env = env;
        var tag = Guid.NewGuid().ToString("N")[..10];
        A = new WorkspaceId("a-" + tag);
        B = new WorkspaceId("b-" + tag);
    }

    public static async Task<World> CreateAsync(StoreKind kind)
    {
        var w = new World(Env.Create(kind));
        await w.PopulateAsync();
        return w;
    }

    private async Task PopulateAsync()
    {
        var c = Chat;
        c.Email.Configure(A, new EmailSettings { Sender = EmailAddress.Create("support@a.example", "A Support") });
        c.Email.Configure(B, new EmailSettings { Sender = EmailAddress.Create("support@b.example", "B Support") });
        await c.Agents.DefineTeamAsync(A, new Team(Sales, "Sales"));
        await c.Agents.RegisterAsync(A, new AgentRegistration(Alice, "Alice", 5) { Teams = [Sales] });
        await c.Agents.RegisterAsync(A, new AgentRegistration(Bob, "Bob", 5));
        await c.Agents.RegisterAsync(B, new AgentRegistration(Alice, "Alice of B", 5));
        await c.Agents.SetStatusAsync(A, Alice, AgentStatus.Online);
        await c.Agents.SetStatusAsync(A, Bob, AgentStatus.Online);
        await c.Agents.SetStatusAsync(B, Alice, AgentStatus.Online);

        (Owned, OwnedToken) = await StartAsync(A, "Vera");
        await c.Visitors.PostAsync(A, Owned, OwnedToken, "hello", clientMessageId: "v-1");
        await c.Conversations.ClaimAsync(A, Owned, Alice);
        await c.Conversations.PostAgentMessageAsync(A, Owned, Alice, "hi, Alice here", clientMessageId: "a-1");
        await c.Details.UpdateAsync(A, Owned, Alice, new ConversationDetailsUpdate { DealValue = new Money(1200.50m, "EUR"), PersonName = "Vera V" });
        var identified = await c.Identity.IdentifyAsync(A, new IdentifyRequest { ConversationId = Owned, Name = "Vera", Email = "vera@example.com" });
        Contact = identified.Contact!.Id;
        // Chat tracking filed Vera as a lead already; "Create lead" is refused for a client in the CRM (issue 13), so
        // the world's lead is the record tracking filed, or one made by the agent when tracking made none.
        var eligibility = await c.Crm.GetLeadEligibilityAsync(A, Owned);
        Lead = eligibility.MatchingRecord?.Id ?? (await c.Crm.CreateLeadAsync(A, Owned, Alice, "Vera's lead")).Id;

        (Waiting, WaitingToken) = await StartAsync(A, null);
        await c.Visitors.RequestAgentAsync(A, Waiting, WaitingToken);

        (Bot, BotToken) = await StartAsync(A, null);
        await c.Conversations.PostBotMessageAsync(A, Bot, "How can I help?");

        var (ended, _) = await StartAsync(A, "Ed");
        Ended = ended;
        await c.Conversations.ClaimAsync(A, Ended, Bob);
        await c.Conversations.EndAsync(A, Ended, Bob);

        (Foreign, ForeignToken) = await StartAsync(B, "Bea");
        await c.Visitors.PostAsync(B, Foreign, ForeignToken, "hello from B", clientMessageId: "v-1");
        await c.Conversations.ClaimAsync(B, Foreign, Alice);
        var fi = await c.Identity.IdentifyAsync(B, new IdentifyRequest { ConversationId = Foreign, Name = "Bea", Email = "bea@example.com" });
        ForeignContact = fi.Contact!.Id;
        // CRM ids may be numbered per workspace: make B's lead one whose id does not exist in A.
        // "Create lead" is refused for a client chat tracking filed already (issue 13): file them on the gateway.
        for (var i = 0; i < 4; i++) await c.Crm.Gateway.CreateAsync(B, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Bea's lead " + i });
        ForeignLead = (await c.Crm.Gateway.CreateAsync(B, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Bea's lead" })).Id;
    }

    private async Task<(ConversationId, VisitorToken)> StartAsync(WorkspaceId ws, string? name)
    {
        var (conv, token) = await Chat.Conversations.StartAsync(ws, new StartConversationRequest { VisitorName = name });
        Known.Add((ws, conv.Id));
        return (conv.Id, token);
    }

    public ValueTask DisposeAsync() => Env.DisposeAsync();

    // ---------------------------------------------------------------- snapshots

    /// <summary>What the public read API shows of both workspaces. Parts that fail to read are recorded as "!ERR".</summary>
    public Task<string> SnapshotAsync(bool durableOnly = false) => SnapshotAsync(Chat, durableOnly);

    public async Task<string> SnapshotAsync(LiveChatEngine c, bool durableOnly)
    {
        var sb = new StringBuilder();
        foreach (var ws in new[] { A, B })
        {
            sb.Append("== workspace ").AppendLine(ws.Value);
            await Part(sb, "agents", async () =>
                string.Join("\n", (await c.Agents.ListAsync(ws)).Select(a =>
                    $"{a.Id.Value}|{T(a.DisplayName)}|{a.MaxConcurrentConversations}|{a.Status}|{a.OpenConversations}|{string.Join(",", a.Teams.Select(t => t.Value))}|{a.StatusChangedAt:O}")));
            await Part(sb, "teams", async () =>
                string.Join("\n", (await c.Agents.ListTeamsAsync(ws)).Select(t => $"{t.Id.Value}|{T(t.Name)}|{t.FallbackTeam?.Value}")));
            foreach (var (kws, id) in Known.Where(k => k.Ws.Equals(ws)).ToList())
            {
                await Part(sb, "conversation " + id, async () => Describe(await c.Conversations.GetAsync(ws, id)));
                await Part(sb, "messages " + id, async () =>
                    string.Join("\n", (await c.Conversations.GetMessagesAsync(ws, id, 0, 1000)).Select(Describe)));
            }
            List<AgentId> agents;
            try { agents = (await c.Agents.ListAsync(ws)).Select(a => a.Id).ToList(); }
            catch { agents = new(); }
            foreach (var agent in agents)
                foreach (var folder in new[] { InboxFolder.Unassigned, InboxFolder.Mine, InboxFolder.Ended })
                    await Part(sb, $"inbox {agent.Value} {folder}", async () =>
                        string.Join(",", (await c.Inbox.ListAsync(ws, agent, folder, 100)).Items.Select(x => x.Number)));
            await Part(sb, "contacts", async () =>
                string.Join("\n", (await c.Identity.GetContactsAsync(ws)).Select(Describe)));
            await Part(sb, "identity log", async () => (await c.Identity.GetLogAsync(ws)).Count.ToString());
            if (!durableOnly)
            {
                var crm = c.Crm.Gateway;
                foreach (var rec in ws.Equals(A) ? new[] { Lead } : new[] { ForeignLead })
                {
                    await Part(sb, "crm " + rec.Value, async () =>
                    {
                        var r = await crm.FindAsync(ws, rec);
                        var acts = await crm.ListActivitiesAsync(ws, rec, null);
                        return r is null ? "gone" : $"{T(r.Name)}|{T(r.Email)}|{T(r.Phone)}|{r.Owner?.Value}|{r.Value}|" +
                            string.Join(";", acts.Select(x => $"{x.Type}:{T(x.Text)}"));
                    });
                }
                await Part(sb, "email settings", () => Task.FromResult(Describe(c.Email.GetSettings(ws))));
                await Part(sb, "playbook", () => Task.FromResult(c.Playbooks.GetActive(ws) is { } p ? T(PlaybookJson.Serialize(p)) : "none"));
                foreach (var (kws, id) in Known.Where(k => k.Ws.Equals(ws)).ToList())
                    await Part(sb, "recipient " + id, async () => (await c.Email.GetRecipientAsync(ws, id)) is { } r ? T(r.ToString()) : "none");
            }
        }
        if (!durableOnly)
            await Part(sb, "texts", () => Task.FromResult(string.Join("|", Enum.GetValues<SystemText>().Select(k => T(c.Playbooks.Texts.Get("en", k))))));
        return sb.ToString();
    }

    private static async Task Part(StringBuilder sb, string name, Func<Task<string>> read)
    {
        sb.Append("-- ").AppendLine(name);
        try { sb.AppendLine(await read()); }
        catch (Exception e) { sb.Append("!ERR ").Append(e.GetType().FullName).Append(": ").AppendLine(Shorten(e.Message)); }
    }

    private static string Shorten(string s) => s.Length > 200 ? s[..200] + "…" : s;

    public static string Describe(Conversation x) =>
        $"#{x.Number}|{x.State}|v{x.Version}|{T(x.Channel)}|{T(x.VisitorName)}|{T(x.CounterpartName)}|{x.AssignedAgentId?.Value}|" +
        $"{x.StartedAt:O}|{x.EndedAt:O}|last={x.LastSequence}|participants=" +
        string.Join(";", x.Participants.Select(p => $"{p.Kind}:{T(p.DisplayName)}:{p.AgentId?.Value}:{p.JoinedAt:O}")) +
        $"|deal={x.Details.DealValue?.Amount}:{x.Details.DealValue?.Currency}|person={T(x.Details.PersonName)}|org={T(x.Details.OrganizationName)}" +
        $"|qualified={x.Details.Qualified}|tags={string.Join(",", x.Details.Tags.Select(T))}|notes=" +
        string.Join(";", x.Details.Notes.Select(n => $"{n.AuthorId.Value}:{T(n.Text)}:{n.CreatedAt:O}")) + "|results=" +
        string.Join(";", x.CreatedResults.Select(r => $"{r.Kind}:{T(r.ExternalId)}:{T(r.Title)}:{r.CreatedBy.Value}"));

    public static string Describe(ChatMessage m) =>
        $"{m.Sequence}|{m.Sender.Kind}|{T(m.Sender.DisplayName)}|{m.Sender.AgentId?.Value}|{T(m.Text)}|{T(m.ClientMessageId)}|{m.SystemEvent}|{m.SentAt:O}";

    public static string Describe(Contact x) =>
        $"{x.Id.Value}|{T(x.Name)}|{x.IsActive}|{x.CrmRecord?.Value}|ids=" +
        string.Join(";", x.Identifiers.Select(i => $"{i.Identifier.Kind}:{T(i.Identifier.Value)}:{T(i.Identifier.Raw)}")) + "|fields=" +
        string.Join(";", x.Fields.Select(f => T(f.ToString()))) + "|convs=" + x.Conversations.Length;

    public static string Describe(EmailSettings s) =>
        $"{s.Sender?.Address}|{T(s.Sender?.DisplayName)}|{T(s.WorkspaceName)}|{T(s.DefaultLanguage)}|{T(s.ConversationLinkTemplate)}";

    /// <summary>
    /// Text as an unambiguous ASCII rendering: control characters, surrogates, bidi controls and non-ASCII escaped;
    /// long text as its length and a hash of its exact UTF-16 code units (lone surrogates included).
    /// </summary>
    public static string T(string? s)
    {
        if (s is null) return "<null>";
        if (s.Length > 300)
        {
            var hash = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(s.AsSpan())))[..16];
            return $"<{s.Length} chars {hash}>";
        }
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            if (ch >= 0x20 && ch < 0x7F && ch != '\\' && ch != '"') sb.Append(ch);
            else sb.Append("\\u").Append(((int)ch).ToString("X4"));
        }
        return sb.Append('"').ToString();
    }
}
