using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using Xunit;
using Xunit.Abstractions;

namespace LiveChat.Issue18b.Checks;

/// <summary>Rolling deployments: servers stopped one after another while a conversation has timers and commands in flight.</summary>
public sealed class RollingStopChecks(ITestOutputHelper output)
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly WorkspaceId Beta = new("beta");
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    /// <summary>
    /// The hand-over of a stopping server's timers normally lands within seconds; a server that stops while forwarding it
    /// may reject it (rare), and the item is then the reminder's sweep's (one minute): once either way.
    /// </summary>
    private static readonly TimeSpan HandOverDeadline = TimeSpan.FromSeconds(100);

    private static async Task<int> GrainServerAsync(Cluster cluster, ConversationId conversation)
    {
        var servers = new List<int>();
        (await cluster.WaitUntilAsync(async () => (servers = await cluster.ServersHostingAsync(conversation)).Count == 1, Support.Deadline))
            .Should().BeTrue("grains: " + string.Join(", ", await cluster.GrainIdsAsync(conversation)));
        return servers[0];
    }

    [Fact]
    public async Task ContactForm_HandedOverTwice_TwoRollingStops_ShownOnce_NotBeforeTheDelay()
    {
        await using var cluster = await Cluster.StartAsync(3);
        await cluster[0].Playbooks.PublishAsync(Acme, Support.LoopingPlaybook(Delay, null));
        var (conversation, _) = await cluster[1].StartIdAsync(Acme, new StartConversationRequest());
        var first = await GrainServerAsync(cluster, conversation);
        await cluster.StopServerAsync(first);
        var second = await GrainServerAsync(cluster, conversation);
        output.WriteLine($"grain on {first}, then on {second}");
        cluster.Clock.Advance(TimeSpan.FromSeconds(2));
        await cluster.StopServerAsync(second);
        cluster.Clock.Advance(TimeSpan.FromSeconds(2)); // 4 s of 5
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(3)))
            .Should().Be(0, "the delay has not passed: a handed-over timer keeps its instant");
        cluster.Clock.Advance(TimeSpan.FromSeconds(2));
        (await cluster.WaitUntilAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm) >= 1, HandOverDeadline))
            .Should().BeTrue("the last server standing shows it");
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(3)))
            .Should().Be(1);
    }

    [Fact]
    public async Task PostsThroughTheOtherServers_WhileTheGrainsServerStops_RetriedWithTheirIds_EachStoredOnce()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var (conversation, token) = await cluster[1].StartIdAsync(Acme, new StartConversationRequest());
        await cluster[1].Visitors.PostAsync(Acme, conversation, token, "first", "p-first");
        var grain = await GrainServerAsync(cluster, conversation);
        var others = cluster.Running.Where(i => i != grain).ToArray();
        var ids = Enumerable.Range(0, 30).Select(i => $"p-{i}").ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();

        async Task PostAsync(int i)
        {
            try
            {
                await cluster[others[i % 2]].Visitors.PostAsync(Acme, conversation, token, $"text {i}", ids[i]);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        var load = Task.Run(async () =>
        {
            for (var i = 0; i < ids.Length; i += 3)
            {
                await Task.WhenAll(Enumerable.Range(i, Math.Min(3, ids.Length - i)).Select(PostAsync));
            }
        });
        await cluster.StopServerAsync(grain);
        await load;
        output.WriteLine($"{failures.Count} failures: {string.Join("; ", failures.Select(f => f.GetType().FullName + ": " + f.Message).Distinct())}");
        failures.Select(f => f.GetType().Namespace ?? "").Should().NotContain(n => n.StartsWith("Orleans", StringComparison.Ordinal),
            "a host never sees an Orleans type (scale-out.md: ClusterUnavailableException at most)");

        // The front door's retry of a failed post: the same id, through a survivor.
        for (var i = 0; i < ids.Length; i++)
        {
            await cluster[others[0]].Visitors.PostAsync(Acme, conversation, token, $"text {i}", ids[i]);
        }

        var messages = await cluster[others[1]].AllMessagesAsync(Acme, conversation);
        messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i));
        foreach (var id in ids)
        {
            messages.Count(m => m.ClientMessageId == id).Should().Be(1, $"{id} stored once");
        }
    }

    [Fact]
    public async Task SameClientMessageId_BeforeAndAfterTheGrainsServerStops_SameMessage()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var (conversation, token) = await cluster[1].StartIdAsync(Acme, new StartConversationRequest());
        var first = await cluster[1].Visitors.PostAsync(Acme, conversation, token, "are you there?", "retry-1");
        var grain = await GrainServerAsync(cluster, conversation);
        await cluster.StopServerAsync(grain);
        var survivor = cluster.Running.First();
        var retry = await cluster[survivor].Visitors.PostAsync(Acme, conversation, token, "are you there?", "retry-1");
        retry.Sequence.Should().Be(first.Sequence);
        (await cluster[survivor].AllMessagesAsync(Acme, conversation)).Count(m => m.ClientMessageId == "retry-1").Should().Be(1);
        await FluentActions.Awaiting(async () => await cluster[survivor].Visitors.PostAsync(Acme, conversation, token, "changed", "retry-1"))
            .Should().ThrowAsync<IdempotencyConflictException>();
    }

    [Fact]
    public async Task UnreadReply_ReadThroughAnotherServer_ThenGrainsServerStops_NoEmail()
    {
        await using var cluster = await Cluster.StartAsync(3);
        await Support.ConfigureMailAsync(cluster[0], Beta);
        var alice = await Support.OnlineAgentAsync(cluster[0], Beta, "alice");
        var (conversation, token) = await cluster[1].StartIdAsync(Beta, new StartConversationRequest());
        await cluster[1].Visitors.SubmitContactFormAsync(Beta, conversation, token, new ContactForm { Name = "Ana", Email = "ana@example.es" });
        await cluster[1].Conversations.ClaimAsync(Beta, conversation, alice);
        var reply = await cluster[1].Conversations.PostAgentMessageAsync(Beta, conversation, alice, "Hola", "a-1");
        var grain = await GrainServerAsync(cluster, conversation);
        var other = cluster.Running.First(i => i != grain);
        await cluster[other].Visitors.MarkReadAsync(Beta, conversation, token, reply.Sequence);
        await cluster.StopServerAsync(grain);
        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        foreach (var i in cluster.Running)
        {
            await cluster[i].Email.DispatchDueAsync();
        }

        (await Support.MaxOverAsync(() => cluster.Mail.Sent.Count(m => m.To.ToString().Contains("ana@example.es")), TimeSpan.FromSeconds(4)))
            .Should().Be(0, "a reply the visitor read is not e-mailed");
    }

    [Fact]
    public async Task UnreadReply_PageClosedThroughAnotherServer_EmailedAtOnce_NotAgainWhenTheWindowEnds()
    {
        await using var cluster = await Cluster.StartAsync(3);
        await Support.ConfigureMailAsync(cluster[0], Beta);
        var alice = await Support.OnlineAgentAsync(cluster[0], Beta, "alice");
        var (conversation, token) = await cluster[1].StartIdAsync(Beta, new StartConversationRequest());
        await cluster[1].Visitors.SubmitContactFormAsync(Beta, conversation, token, new ContactForm { Name = "Jo", Email = "jo@example.de" });
        await cluster[1].Conversations.ClaimAsync(Beta, conversation, alice);
        await cluster[1].Conversations.PostAgentMessageAsync(Beta, conversation, alice, "Hallo", "a-1");
        var grain = await GrainServerAsync(cluster, conversation);
        var others = cluster.Running.Where(i => i != grain).ToArray();
        await cluster[others[0]].Visitors.PageClosedAsync(Beta, conversation, token);
        int Sent() => cluster.Mail.Sent.Count(m => m.To.ToString().Contains("jo@example.de"));
        (await cluster.WaitUntilAsync(async () =>
            {
                await cluster[others[1]].Email.DispatchDueAsync();
                return Sent() >= 1;
            }, Support.Deadline)).Should().BeTrue("closing the page sends the unread replies at once");
        await cluster.StopServerAsync(grain);
        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        foreach (var i in cluster.Running)
        {
            await cluster[i].Email.DispatchDueAsync();
        }

        (await Support.MaxOverAsync(Sent, TimeSpan.FromSeconds(4))).Should().Be(1, "never twice");
    }
    [Fact]
    public async Task UnreadReplyWindow_HandedOverByAStoppingServer_KeepsItsInstant_NotSentEarly()
    {
        await using var cluster = await Cluster.StartAsync(3);
        await Support.ConfigureMailAsync(cluster[0], Beta);
        var alice = await Support.OnlineAgentAsync(cluster[0], Beta, "alice");
        var (conversation, token) = await cluster[1].StartIdAsync(Beta, new StartConversationRequest());
        await cluster[1].Visitors.SubmitContactFormAsync(Beta, conversation, token, new ContactForm { Name = "Eva", Email = "eva@example.cz" });
        await cluster[1].Conversations.ClaimAsync(Beta, conversation, alice);
        await cluster[2].Conversations.PostAgentMessageAsync(Beta, conversation, alice, "Dobrý den", "a-1");
        var grain = await GrainServerAsync(cluster, conversation);
        await cluster.StopServerAsync(grain);
        int Sent() => cluster.Mail.Sent.Count(m => m.To.ToString().Contains("eva@example.cz"));
        cluster.Clock.Advance(TimeSpan.FromSeconds(50)); // the window is 1 minute
        foreach (var i in cluster.Running)
        {
            await cluster[i].Email.DispatchDueAsync();
        }

        (await Support.MaxOverAsync(Sent, TimeSpan.FromSeconds(3))).Should().Be(0, "the window has not ended");
        cluster.Clock.Advance(TimeSpan.FromSeconds(11));
        (await cluster.WaitUntilAsync(async () =>
            {
                await cluster[cluster.Running.First()].Email.DispatchDueAsync();
                return Sent() >= 1;
            }, HandOverDeadline)).Should().BeTrue();
        (await Support.MaxOverAsync(Sent, TimeSpan.FromSeconds(3))).Should().Be(1);
    }
}
