using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;

namespace LiveChat.Web;

/// <summary>
/// The demo workspace: teams Sales and Support, agents Alice (sales), Bob (sales and support) and Carla (support), and the
/// seed-style playbook of <c>playbook.json</c> (feature X4). A second start on the same SQLite file keeps the agents and
/// conversations there.
/// </summary>
internal static class DemoSeed
{
    public static readonly WorkspaceId Workspace = new("acme");
    public static readonly TeamId Sales = new("sales");
    public static readonly TeamId Support = new("support");

    /// <summary>The seeded agents: id, display name, teams.</summary>
    public static readonly (string Id, string Name, TeamId[] Teams)[] Agents =
    [
        ("alice", "Alice Martin", [Sales]),
        ("bob", "Bob Novák", [Sales, Support]),
        ("carla", "Carla Ruiz", [Support]),
    ];

    public static async Task SeedAsync(LiveChatEngine chat, DemoSettings settings)
    {
        var teams = await chat.Agents.ListTeamsAsync(Workspace);
        if (teams.Count == 0)
        {
            await chat.Agents.DefineTeamAsync(Workspace, new Team(Support, "Support"));
            await chat.Agents.DefineTeamAsync(Workspace, new Team(Sales, "Sales", FallbackTeam: Support));
        }

        var known = (await chat.Agents.ListAsync(Workspace)).Select(a => a.Id).ToHashSet();
        foreach (var (id, name, agentTeams) in Agents.Where(a => !known.Contains(new AgentId(a.Id))))
        {
            await chat.Agents.RegisterAsync(Workspace, new AgentRegistration(new AgentId(id), name, MaxConcurrentConversations: 3) { Teams = agentTeams });
        }

        chat.Email.Configure(Workspace, new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "Acme support"), WorkspaceName = "Acme" });
        var playbook = PlaybookJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "playbook.json")));
        playbook = playbook with
        {
            Language = settings.Language,
            Timers = settings.Timers ?? playbook.Timers,
        };
        // Published on every start, one version up, so a changed language or timer takes effect.
        await chat.Playbooks.PublishAsync(Workspace, playbook with { Version = (chat.Playbooks.GetActive(Workspace)?.Version ?? 0) + 1 });
    }
}
