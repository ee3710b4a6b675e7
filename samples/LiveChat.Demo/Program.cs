// LiveChat.Core console demo: one complete conversation on the embedded default, a SQLite file (no server to set up).
// Run: dotnet run --project samples/LiveChat.Demo             (stores in livechat-demo.db; run it twice: numbering continues)
//      dotnet run --project samples/LiveChat.Demo -- --in-memory   (nothing is kept)
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

var inMemory = args.Contains("--in-memory");
var databaseFile = Path.GetFullPath("livechat-demo.db");
var builder = new ServiceCollection().AddLiveChat(o => o.BotDisplayName = "Leo (bot)");
if (!inMemory)
{
    builder.UseSqlite($"Data Source={databaseFile}");
}

await using var services = builder.Services.BuildServiceProvider();
var chat = services.GetRequiredService<LiveChatEngine>();
Console.WriteLine(inMemory ? "Store: in memory (nothing is kept)" : $"Store: SQLite file {databaseFile}");
var acme = new WorkspaceId("acme");
var alice = new AgentId("alice");
var bob = new AgentId("bob");

var support = new TeamId("support");
var sales = new TeamId("sales");

Step("1. Teams are defined, agents register and Alice goes online");
await SetUpTeamsAsync(acme);
await chat.Agents.SetStatusAsync(acme, alice, AgentStatus.Online);
Console.WriteLine($"   anyone available for sales? {await chat.Agents.IsAvailableAsync(acme, RoutingTarget.ToTeam(sales))}");

Step("2. A visitor opens the chat on the website");
var started = await chat.Conversations.StartAsync(acme, new StartConversationRequest { VisitorName = "Jana" });
var id = started.Conversation.Id;
var token = started.VisitorToken; // the visitor's browser keeps this secret
Console.WriteLine($"   conversation #{started.Conversation.Number}, state {started.Conversation.State}");

Step("3. The bot greets");
await chat.Conversations.PostBotMessageAsync(acme, id, "Hi! I'm Leo. How can I help?");

Step("4. The visitor asks for a human");
await chat.Visitors.PostAsync(acme, id, token, "I'd like to talk to someone about pricing.", clientMessageId: "m-1");
var outcome = await chat.Visitors.RequestAgentAsync(acme, id, token, RoutingTarget.ToTeam(sales));
Console.WriteLine($"   handoff outcome: {outcome}");

Step("5. The conversation is assigned");
var view = await chat.Visitors.GetConversationAsync(acme, id, token);
var mine = await chat.Inbox.ListAsync(acme, alice, InboxFolder.Mine);
Console.WriteLine($"   state {view.State}; the visitor now talks to: {view.CounterpartName}");
Console.WriteLine($"   Alice's 'Mine' folder: {string.Join(", ", mine.Items.Select(c => $"#{c.Number}"))}");

Step("6. Messages are exchanged");
await chat.Conversations.PostAgentMessageAsync(acme, id, alice, "Hello Jana, Alice here. Which plan are you looking at?");
await chat.Visitors.PostAsync(acme, id, token, "The team plan, for 12 people.", clientMessageId: "m-2");
await chat.Visitors.PostAsync(acme, id, token, "The team plan, for 12 people.", clientMessageId: "m-2"); // a network retry: stored once
await chat.Details.UpdateAsync(acme, id, alice, new ConversationDetailsUpdate { DealValue = new Money(1200m, "EUR"), PersonName = "Jana" });
Console.WriteLine($"   Alice has {await chat.Conversations.GetUnreadCountAsync(acme, id, alice)} unread messages");

Step("7. Alice reassigns the conversation to Bob");
await chat.Agents.SetStatusAsync(acme, bob, AgentStatus.Online);
await chat.Conversations.AssignAsync(acme, id, bob);
await chat.Conversations.PostAgentMessageAsync(acme, id, bob, "Hi Jana, Bob from sales. I'll send you a quote for 12 seats.");
Console.WriteLine($"   Alice's 'Mine': {(await chat.Inbox.ListAsync(acme, alice, InboxFolder.Mine)).Items.Count} conversations, "
    + $"Bob's: {(await chat.Inbox.ListAsync(acme, bob, InboxFolder.Mine)).Items.Count}");

Step("8. Bob ends the conversation");
var ended = await chat.Conversations.EndAsync(acme, id, endedBy: bob);
await chat.Details.AddCreatedResultAsync(acme, id, bob, CreatedResultKind.Deal, "deal-42", "Team plan, 12 seats");
Console.WriteLine($"   state {ended.State}; 'Ended' folder: {(await chat.Inbox.ListAsync(acme, alice, InboxFolder.Ended)).Items.Count} conversation(s)");

Step("9. The transcript");
var transcript = await chat.Conversations.GetTranscriptAsync(acme, id);
Console.WriteLine(transcript.ToPlainText());

Step("10. Nobody is available: the next visitor gets the offline flow, and is routed the moment Bob comes online");
await chat.Agents.SetStatusAsync(acme, alice, AgentStatus.Offline);
await chat.Agents.SetStatusAsync(acme, bob, AgentStatus.Offline);
var (late, lateToken) = await chat.Conversations.StartAsync(acme, new StartConversationRequest { VisitorName = "Petr" });
await chat.Visitors.PostAsync(acme, late.Id, lateToken, "Is anyone there? I need help with an invoice.", clientMessageId: "p-1");
Console.WriteLine($"   handoff outcome: {await chat.Visitors.RequestAgentAsync(acme, late.Id, lateToken, RoutingTarget.ToTeam(sales))}");
await chat.Agents.SetStatusAsync(acme, bob, AgentStatus.Online);
var routed = await chat.Conversations.GetAsync(acme, late.Id);
Console.WriteLine($"   Bob came online: conversation #{routed.Number} is {routed.State}, owned by {routed.CounterpartName}");
await chat.Conversations.PostAgentMessageAsync(acme, late.Id, bob, "Hi Petr, Bob here. Sorry for the wait, let me look at that invoice.");
await chat.Conversations.EndAsync(acme, late.Id, endedBy: bob);

// The website's chat with a bot is a workspace of its own here, so the steps above stay without one on every run.
var web = new WorkspaceId("acme-web");
await SetUpTeamsAsync(web);

Step("11. A playbook greets, asks \"are you a customer?\", qualifies and hands over (seed-style, from playbook.json)");
var playbook = PlaybookJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "playbook.json")));
if (await chat.Playbooks.GetVersionAsync(web, playbook.Id, playbook.Version) is null)
{
    await chat.Playbooks.PublishAsync(web, playbook);
    Console.WriteLine($"   published '{playbook.Id}' v{playbook.Version}: {playbook.Cards.Length} cards, bot {playbook.Appearance.BotName}, language {playbook.Language}");
}
else
{
    // Published playbooks are stored: a version is published once, and a new one needs a higher number.
    Console.WriteLine($"   '{playbook.Id}' v{playbook.Version} is already published in this store (by an earlier run): it stays active");
}

await chat.Agents.SetStatusAsync(web, alice, AgentStatus.Online);
await PlaybookVisitorAsync("Visitor 1, while Alice (sales) is online", "Eva", ["No, not yet", "Pricing", "12"]);

Step("12. The same playbook while nobody is online: the offline flow under the live-chat card runs");
await chat.Agents.SetStatusAsync(web, alice, AgentStatus.Offline);
await chat.Agents.SetStatusAsync(web, bob, AgentStatus.Offline);
await PlaybookVisitorAsync("Visitor 2, while nobody is online", "Tomas", ["2", "pricing", "five", "5", "tomas@example.com"]);
Console.WriteLine("   the playbook as a Mermaid diagram (paste it into any Mermaid viewer):");
Console.WriteLine(string.Join(Environment.NewLine, PlaybookService.ToMermaidGraph(playbook).Split('\n').Take(8).Select(l => "     " + l)) + Environment.NewLine + "     …");

var history = await chat.Inbox.ListAsync(acme, alice, InboxFolder.Ended, pageSize: 100);
Console.WriteLine($"Ended conversations in this store: {string.Join(", ", history.Items.Select(c => $"#{c.Number}"))}");
return 0;

async Task PlaybookVisitorAsync(string title, string name, string[] answers)
{
    Console.WriteLine($"   {title}:");
    var (conversation, visitorToken) = await chat.Conversations.StartAsync(web, new StartConversationRequest { VisitorName = name });
    foreach (var answer in answers)
    {
        await chat.Visitors.PostAsync(web, conversation.Id, visitorToken, answer);
    }

    foreach (var message in await chat.Visitors.GetMessagesAsync(web, conversation.Id, visitorToken))
    {
        Console.WriteLine($"     {message.Sender.DisplayName,-12} {message.Text.Replace("\n", " | ", StringComparison.Ordinal)}");
    }

    var after = await chat.Conversations.GetAsync(web, conversation.Id);
    var run = await chat.Playbooks.GetRunAsync(web, conversation.Id);
    Console.WriteLine($"   → conversation #{after.Number} is {after.State}; bot {run!.Status} at '{run.CardId}'; qualified: {after.Details.Qualified}; "
        + $"tags: {string.Join(", ", after.Details.Tags)}; CRM records: {string.Join(", ", run.CrmRecords)}");
}

async Task SetUpTeamsAsync(WorkspaceId workspace)
{
    await chat.Agents.DefineTeamAsync(workspace, new Team(support, "Support"));
    await chat.Agents.DefineTeamAsync(workspace, new Team(sales, "Sales", FallbackTeam: support));
    await chat.Agents.RegisterAsync(workspace, new AgentRegistration(alice, "Alice Martin", MaxConcurrentConversations: 3) { Teams = [sales] });
    await chat.Agents.RegisterAsync(workspace, new AgentRegistration(bob, "Bob Novák", MaxConcurrentConversations: 3) { Teams = [sales, support] });
}

static void Step(string title)
{
    Console.WriteLine();
    Console.WriteLine(title);
}
