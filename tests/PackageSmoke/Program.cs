// Built by tests/run.sh in a fresh console app that references the packed LiveChat.Core, LiveChat.Storage.Sqlite and
// LiveChat.Email.MailKit packages from a local folder feed, to prove the packages are usable on their own. It runs one
// conversation in memory and one on SQLite, renders a transcript e-mail (Fluid templates) and wires the SMTP transport,
// and exits non-zero when any of them does not complete.
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

var folder = Directory.CreateTempSubdirectory("livechat-smoke-").FullName;
try
{
    var inMemory = await RunConversationAsync(new ServiceCollection().AddLiveChat());
    var onSqlite = await RunConversationAsync(new ServiceCollection().AddLiveChat().UseSqlite($"Data Source={Path.Combine(folder, "smoke.db")}"));
    Console.WriteLine(onSqlite.ToPlainText());

    var emailed = await EmailTranscriptAsync();
    var ok = inMemory.Messages.Count == 5 && onSqlite.Messages.Count == 5 && onSqlite.EndedAt is not null && emailed;
    Console.WriteLine(ok ? "package smoke test: passed" : "package smoke test: FAILED");
    return ok ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static async Task<Transcript> RunConversationAsync(ILiveChatBuilder builder)
{
    await using var provider = builder.Services.BuildServiceProvider();
    var chat = provider.GetRequiredService<LiveChatEngine>();
    var ws = new WorkspaceId("smoke");
    var agent = new AgentId("agent-1");
    await chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, "Agent One"));
    await chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);

    var (conversation, token) = await chat.Conversations.StartAsync(ws);
    await chat.Visitors.PostAsync(ws, conversation.Id, token, "Hello from the package smoke test");

    // Chat tracking parses the phone with libphonenumber: proves the package brings its dependency along.
    var identified = await chat.Identity.IdentifyAsync(ws, new IdentifyRequest { ConversationId = conversation.Id, Name = "Smoke", Phone = "+33 6 12 34 56 78" });
    if (identified.Contact?.Identifiers.Single().Identifier.Value != "+33612345678")
    {
        throw new InvalidOperationException("Chat tracking did not file the phone in E.164.");
    }

    var outcome = await chat.Visitors.RequestAgentAsync(ws, conversation.Id, token);
    await chat.Conversations.PostAgentMessageAsync(ws, conversation.Id, agent, "Hello back");
    await chat.Conversations.EndAsync(ws, conversation.Id, agent);
    var transcript = await chat.Conversations.GetTranscriptAsync(ws, conversation.Id);
    return outcome == HandoffOutcome.Assigned ? transcript : throw new InvalidOperationException($"Handoff gave {outcome}.");
}

// The transcript e-mail renders through Fluid, and UseSmtp swaps in the MailKit transport: both packages bring their dependencies.
static async Task<bool> EmailTranscriptAsync()
{
    var smtp = new ServiceCollection().AddLiveChat().UseSmtp(o => o.Host = "127.0.0.1");
    await using (var wired = smtp.Services.BuildServiceProvider())
    {
        if (wired.GetRequiredService<IEmailTransport>() is not LiveChat.Email.MailKit.SmtpEmailTransport)
        {
            return false;
        }
    }

    await using var provider = new ServiceCollection().AddLiveChat(o => o.Email.DefaultSenderAddress = "admin@smoke.example").Services.BuildServiceProvider();
    var chat = provider.GetRequiredService<LiveChatEngine>();
    var ws = new WorkspaceId("smoke");
    var (conversation, token) = await chat.Conversations.StartAsync(ws);
    await chat.Visitors.PostAsync(ws, conversation.Id, token, "Please e-mail me this chat");
    await chat.Visitors.SendTranscriptAsync(ws, conversation.Id, token, "visitor@smoke.example");
    await chat.Email.DispatchDueAsync(); // waits for a pass in flight, then delivers what is due
    var sent = provider.GetRequiredService<InMemoryEmailTransport>().Sent;
    return sent.Count == 1 && sent[0].TextBody.Contains("Please e-mail me this chat", StringComparison.Ordinal);
}
