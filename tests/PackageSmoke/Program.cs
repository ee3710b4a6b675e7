// Built by tests/run.sh in a fresh console app that references the packed LiveChat.Core package from a local folder
// feed, to prove the package is usable on its own. Exits non-zero when the conversation does not complete.
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

await using var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
var chat = provider.GetRequiredService<LiveChatEngine>();
var ws = new WorkspaceId("smoke");
var agent = new AgentId("agent-1");
await chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, "Agent One"));
await chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);

var (conversation, token) = await chat.Conversations.StartAsync(ws);
await chat.Visitors.PostAsync(ws, conversation.Id, token, "Hello from the package smoke test");
var outcome = await chat.Visitors.RequestAgentAsync(ws, conversation.Id, token);
await chat.Conversations.PostAgentMessageAsync(ws, conversation.Id, agent, "Hello back");
await chat.Conversations.EndAsync(ws, conversation.Id, agent);
var transcript = await chat.Conversations.GetTranscriptAsync(ws, conversation.Id);
Console.WriteLine(transcript.ToPlainText());

var ok = outcome == HandoffOutcome.Assigned && transcript.EndedAt is not null && transcript.Messages.Count == 5;
Console.WriteLine(ok ? "package smoke test: passed" : "package smoke test: FAILED");
return ok ? 0 : 1;
