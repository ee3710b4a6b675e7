using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>A host with e-mail set up: the workspace's admin address, a link template, and the recording transport.</summary>
public sealed class EmailScenario : IAsyncDisposable
{
    public const string AdminAddress = "admin@acme.example";

    public EmailScenario(Action<LiveChatOptions>? configure = null, IEmailTransport? transport = null, Action<IServiceCollection>? register = null, DateTimeOffset? start = null)
    {
        H = new LiveChatHarness(configure, services =>
        {
            if (transport is not null)
            {
                services.AddSingleton(transport);
            }

            register?.Invoke(services);
        }, start);
        Chat.Email.Configure(H.Workspace, new EmailSettings
        {
            Sender = EmailAddress.Create(AdminAddress, "ACME Support"),
            WorkspaceName = "ACME",
            ConversationLinkTemplate = "https://example.com/chat/{conversation}",
        });
    }

    public LiveChatHarness H { get; }

    public LiveChatEngine Chat => H.Chat;

    public WorkspaceId Workspace => H.Workspace;

    /// <summary>What the recording transport received so far.</summary>
    public IReadOnlyList<EmailMessage> Sent => H.Services.GetRequiredService<InMemoryEmailTransport>().Sent;

    /// <summary>Moves the fake clock, then waits for the e-mail work its timers started.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        H.Clock.Advance(by);
        await SettleAsync();
    }

    public async Task SettleAsync()
    {
        await H.SettleAsync();
        await Chat.Email.WhenIdleAsync();
        await H.SettleAsync();
    }

    /// <summary>A conversation owned by an online agent, whose visitor asked a question and left an e-mail address.</summary>
    public async Task<(StartedConversation Started, Agents.AgentId Agent)> AssignedWithAddressAsync(string email = "ana@example.com", string question = "Do you ship to Prague?")
    {
        var agent = await H.OnlineAgentAsync("alice");
        var started = await H.AssignedToAsync(agent);
        await Chat.Visitors.PostAsync(Workspace, started.Conversation.Id, started.VisitorToken, question);
        await Chat.Visitors.SubmitContactFormAsync(Workspace, started.Conversation.Id, started.VisitorToken, new ContactForm { Name = "Ana", Email = email });
        await SettleAsync();
        return (started, agent);
    }

    public ValueTask DisposeAsync() => H.DisposeAsync();
}
