// P7 in a cluster: the contact form 5 s after the greeting and the transcript offer 5 s after the end are each shown
// exactly once in the whole cluster, also when the server that started the conversation has stopped.
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Issue18.Checks;

public sealed class PlaybookTimersInAClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private static Playbook Bot() => new()
    {
        Id = "website",
        Version = 1,
        Language = "en",
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Hi! <b>I'm Leo</b>", Next = "chat" },
            new LiveChatCard { Id = "chat", OfflineFlow = "offline" },
            new OfflineFlowCard { Id = "offline", Next = "bye" },
            new EndCard { Id = "bye", Text = "Bye!" },
        ],
    };

    private static int Forms(Cluster cluster, ConversationId id, PlaybookFormKind kind) =>
        cluster.AllEvents.OfType<PlaybookFormRequested>().Count(e => e.ConversationId == id && e.Kind == kind);

    [ClusterTheory]
    [InlineData(Clustering.Localhost)]
    [InlineData(Clustering.PostgreSql)]
    public async Task ContactFormAndTranscriptOffer_AreEachShownOnce_ForChatsStartedThroughEveryServer(Clustering clustering)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Clock = clock, Clustering = clustering });
        var ws = Ids.Workspace("pb");
        await cluster.A.Chat.Playbooks.PublishAsync(ws, Bot());
        var chats = new List<(ConversationId id, VisitorToken token)>();
        for (var i = 0; i < 6; i++)
        {
            var (c, t) = await cluster.Servers[i % 3].Chat.Conversations.StartAsync(ws);
            chats.Add((c.Id, t));
        }

        clock.Advance(TimeSpan.FromSeconds(6));
        await Wait.UntilAsync(() => chats.All(c => Forms(cluster, c.id, PlaybookFormKind.ContactForm) >= 1), Deadline,
            "every chat shows the contact form 5 s after the greeting");
        clock.Advance(TimeSpan.FromSeconds(6));
        await Wait.StaysAsync(() => Task.FromResult(chats.All(c => Forms(cluster, c.id, PlaybookFormKind.ContactForm) == 1)),
            TimeSpan.FromSeconds(2), "each contact form shown once in the whole cluster");

        for (var i = 0; i < chats.Count; i++)
            await cluster.Servers[(i + 1) % 3].Chat.Visitors.EndAsync(ws, chats[i].id, chats[i].token);
        clock.Advance(TimeSpan.FromSeconds(6));
        await Wait.UntilAsync(() => chats.All(c => Forms(cluster, c.id, PlaybookFormKind.TranscriptOffer) >= 1), Deadline,
            "every ended chat offers the transcript 5 s after the end");
        clock.Advance(TimeSpan.FromSeconds(6));
        await Wait.StaysAsync(() => Task.FromResult(chats.All(c => Forms(cluster, c.id, PlaybookFormKind.TranscriptOffer) == 1)),
            TimeSpan.FromSeconds(2), "each transcript offer shown once in the whole cluster");
    }

    [ClusterFact]
    public async Task AContactFormPromisedByAStoppedServer_IsShownOnceByASurvivor()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Clock = clock, Clustering = Clustering.PostgreSql });
        var ws = Ids.Workspace("pb");
        await cluster.B.Chat.Playbooks.PublishAsync(ws, Bot());
        var chats = new List<ConversationId>();
        for (var i = 0; i < 4; i++) chats.Add((await cluster.A.Chat.Conversations.StartAsync(ws)).Conversation.Id);

        await cluster.A.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(6));
        await Wait.UntilAsync(() => chats.All(id => Forms(cluster, id, PlaybookFormKind.ContactForm) >= 1), Deadline,
            "the contact forms promised on A are shown by a survivor");
        clock.Advance(TimeSpan.FromSeconds(6));
        await Wait.StaysAsync(() => Task.FromResult(chats.All(id => Forms(cluster, id, PlaybookFormKind.ContactForm) == 1)),
            TimeSpan.FromSeconds(2), "once each");
    }
}
