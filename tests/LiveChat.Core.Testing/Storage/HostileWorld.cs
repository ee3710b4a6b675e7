using System.Text;
using System.Text.Json;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// A small seeded world for the hostile-input property test (issue 14): two workspaces, agents, conversations in every
/// state, and the pools of hostile values each call draws its arguments from, plus a snapshot of everything the store
/// holds about them.
/// </summary>
public sealed class HostileWorld
{
    private readonly IConversationStore _conversations;
    private readonly IAgentStore _agents;
    private readonly IIdentityLogStore _identity;

    private HostileWorld(IServiceProvider services)
    {
        _conversations = services.GetRequiredService<IConversationStore>();
        _agents = services.GetRequiredService<IAgentStore>();
        _identity = services.GetRequiredService<IIdentityLogStore>();
        Chat = services.GetRequiredService<LiveChatEngine>();
    }

    /// <summary>The engine under attack.</summary>
    public LiveChatEngine Chat { get; }

    /// <summary>Hostile text: null, empty, white space, oversized, NUL, lone surrogates, CR/LF, bidi overrides, markup, and two fine values.</summary>
    public static IReadOnlyList<string?> Texts { get; } =
    [
        null, string.Empty, " \t ", new string('a', 100_001), "before\0after", "lone \uD800 x", "tail \uDC00", "line\r\nbreak",
        "\u202Eevil\u202C", "<script>alert('x')</script>", "fine", "Zoë 🙂 日本",
    ];

    /// <summary>Hostile numbers: negative, zero, small and huge.</summary>
    public static IReadOnlyList<long> Numbers { get; } = [long.MinValue, int.MinValue, -1, 0, 1, 2, 3, int.MaxValue, long.MaxValue];

    /// <summary>Amounts: the default struct, zero, and the largest decimal.</summary>
    public static IReadOnlyList<Money?> Amounts { get; } = [null, default(Money), new Money(0m, "EUR"), new Money(decimal.MaxValue, "usd")];

    /// <summary>Workspaces: the default struct, the seeded two, and one nobody used.</summary>
    public IReadOnlyList<WorkspaceId> Workspaces { get; private set; } = [];

    /// <summary>Conversations: the default struct, an unknown id, and the seeded ones of both workspaces.</summary>
    public IReadOnlyList<ConversationId> ConversationIds { get; private set; } = [];

    /// <summary>Agents: the default struct, an unknown id, and the seeded ones of both workspaces.</summary>
    public IReadOnlyList<AgentId> AgentIds { get; private set; } = [];

    /// <summary>Tokens: the default struct, a guess, an empty one, and the seeded conversations' real ones.</summary>
    public IReadOnlyList<VisitorToken> Tokens { get; private set; } = [];

    /// <summary>The seeded workspace with three conversations and two agents.</summary>
    public WorkspaceId A => Workspaces[1];

    /// <summary>The other seeded workspace, with one conversation and one agent.</summary>
    public WorkspaceId B => Workspaces[2];

    /// <summary>
    /// Builds the world in two new workspaces over the engine of <paramref name="services"/>, which the caller owns, so
    /// that several worlds share one engine and store and never meet.
    /// </summary>
    public static async Task<HostileWorld> CreateAsync(IServiceProvider services)
    {
        var world = new HostileWorld(services);
        var suffix = Guid.NewGuid().ToString("N");
        var (a, b) = (new WorkspaceId("hostile-a-" + suffix), new WorkspaceId("hostile-b-" + suffix));
        var chat = world.Chat;
        var (alice, bob, carol) = (new AgentId("alice"), new AgentId("bob"), new AgentId("carol"));
        foreach (var (ws, agent) in new[] { (a, alice), (a, bob), (b, carol) })
        {
            await chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, agent.Value, 5));
            await chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
        }

        var assigned = await chat.Conversations.StartAsync(a);
        await chat.Conversations.ClaimAsync(a, assigned.Conversation.Id, alice);
        await chat.Conversations.PostAgentMessageAsync(a, assigned.Conversation.Id, alice, "Hello");
        var bot = await chat.Conversations.StartAsync(a);
        var ended = await chat.Conversations.StartAsync(a);
        await chat.Conversations.EndAsync(a, ended.Conversation.Id);
        var other = await chat.Conversations.StartAsync(b);

        world.Workspaces = [default, a, b, new WorkspaceId("nobody")];
        world.ConversationIds = [default, new ConversationId(Guid.NewGuid()), assigned.Conversation.Id, bot.Conversation.Id, ended.Conversation.Id, other.Conversation.Id];
        world.AgentIds = [default, new AgentId("zed"), alice, bob, carol];
        world.Tokens = [default, new VisitorToken("guess"), new VisitorToken(string.Empty), assigned.VisitorToken, bot.VisitorToken, ended.VisitorToken, other.VisitorToken];
        return world;
    }

    /// <summary>Everything the store holds about the world, as one text: conversations, messages, cursors, inbox folders, agents, teams, identity logs.</summary>
    public async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        foreach (var ws in Workspaces.Where(w => w != default))
        {
            Append(text, await _agents.ListAgentsAsync(ws));
            Append(text, await _agents.ListTeamsAsync(ws));
            text.AppendJoin('\n', (await _identity.ReadIdentityEventsAsync(ws, 0)).Select(StoreJson.SerializeIdentityEvent)).Append('\n');
            foreach (var folder in new[] { InboxFolder.Unassigned, InboxFolder.Ended })
            {
                Append(text, await _conversations.QueryInboxAsync(new InboxQuery(ws, folder, AgentIds[2], 1000, null)));
            }

            foreach (var agent in AgentIds.Skip(2))
            {
                Append(text, await _conversations.QueryInboxAsync(new InboxQuery(ws, InboxFolder.Mine, agent, 1000, null)));
            }

            foreach (var id in ConversationIds.Skip(1))
            {
                var conversation = await _conversations.FindConversationAsync(ws, id);
                Append(text, conversation);
                if (conversation is null)
                {
                    continue;
                }

                Append(text, await _conversations.GetMessagesAsync(ws, id, 0, 1000));
                foreach (var reader in AgentIds.Skip(2).Select(ReaderId.Agent).Prepend(ReaderId.Visitor))
                {
                    text.Append(await _conversations.GetReadCursorAsync(ws, id, reader)).Append(' ');
                }
            }
        }

        return text.ToString();
    }

    private static void Append<T>(StringBuilder text, T value) => text.Append(JsonSerializer.Serialize(value, StoreJson.Options)).Append('\n');
}
