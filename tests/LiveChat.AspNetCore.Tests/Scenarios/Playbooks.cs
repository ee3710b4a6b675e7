using LiveChat.Core.Playbooks;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>The seed 000 playbook: the bot greets, asks what the visitor needs, then hands over to the live chat.</summary>
internal static class Playbooks
{
    public const string Greeting = "Hi! I am Leo.";
    public const string Question = "What can we do for you?";

    public static Playbook Seed000 { get; } = new()
    {
        Id = "website",
        Version = 1,
        Language = "en",
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = Greeting, Next = "ask" },
            new FreeTextQuestionCard { Id = "ask", Text = Question, Next = "chat" },
            new LiveChatCard { Id = "chat", OfflineFlow = "offline" },
            new OfflineFlowCard { Id = "offline", Next = "bye" },
            new EndCard { Id = "bye", Text = "We will write back soon." },
        ],
    };
}
