using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Transport;

namespace LiveChat.Issue18b.Checks;

public static class Support
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>A greeting, then an open question that loops: every visitor answer gets one "Thanks, noted." and the question again.</summary>
    public static Playbook LoopingPlaybook(TimeSpan? contactForm, TimeSpan? transcriptOffer) => new()
    {
        Id = "web",
        Version = 1,
        Language = "en",
        StartCardId = "greet",
        Timers = new PlaybookTimers { ContactFormAfterGreeting = contactForm, TranscriptOfferAfterEnd = transcriptOffer },
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Hello from the bot!", Next = "ask" },
            new FreeTextQuestionCard { Id = "ask", Text = "What do you need?", Next = "thanks" },
            new MessageCard { Id = "thanks", Text = "Thanks, noted.", Next = "ask" },
        ],
    };

    public static int FormsShown(this Cluster cluster, ConversationId conversation, PlaybookFormKind kind) =>
        cluster.EventsOf<PlaybookFormRequested>().Count(e => e.ConversationId == conversation && e.Kind == kind);

    public static async Task<(ConversationId Id, VisitorToken Token)> StartIdAsync(this LiveChatEngine chat, WorkspaceId workspace, StartConversationRequest request)
    {
        var (conversation, token) = await chat.Conversations.StartAsync(workspace, request);
        return (conversation.Id, token);
    }

    public static async Task<IReadOnlyList<ChatMessage>> AllMessagesAsync(this LiveChatEngine chat, WorkspaceId workspace, ConversationId conversation)
    {
        var all = new List<ChatMessage>();
        long after = 0;
        while (true)
        {
            var page = await chat.Conversations.GetMessagesAsync(workspace, conversation, after, 100);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Sequence;
        }
    }

    /// <summary>Watches for a bounded window that a count does not grow past what is expected (no fixed sleep: stops early on a violation).</summary>
    public static async Task<int> MaxOverAsync(Func<int> count, TimeSpan window)
    {
        var until = DateTime.UtcNow + window;
        var max = count();
        while (DateTime.UtcNow < until)
        {
            max = Math.Max(max, count());
            await Task.Delay(50);
        }

        return Math.Max(max, count());
    }

    public static async Task<AgentId> OnlineAgentAsync(LiveChatEngine chat, WorkspaceId workspace, string id, string name = "Alice", int capacity = 5)
    {
        var agent = new AgentId(id);
        await chat.Agents.RegisterAsync(workspace, new AgentRegistration(agent, name, capacity));
        await chat.Agents.SetStatusAsync(workspace, agent, AgentStatus.Online);
        await chat.Agents.HeartbeatAsync(workspace, agent);
        return agent;
    }

    public static async Task ConfigureMailAsync(LiveChatEngine chat, WorkspaceId workspace) =>
        await chat.Email.ConfigureAsync(workspace, new EmailSettings
        {
            Sender = EmailAddress.Create("support@acme.example", "ACME Support"),
            ConversationLinkTemplate = "https://acme.example/chat/{conversation}",
        });
}
