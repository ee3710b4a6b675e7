using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using Orleans;
using Xunit;
using Xunit.Abstractions;

namespace LiveChat.Issue18b.Checks;

/// <summary>
/// The conversation grain owns its conversation's timers (contact-form and transcript-offer delays, unread-reply window).
/// A host stops servers gracefully (rolling deploys) and Orleans deactivates idle grains: each timer must still fire,
/// once, on time, without waiting for the one-minute reminder sweep.
/// </summary>
public sealed class TimerChecks(ITestOutputHelper output)
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    // Under the sweep's one-minute reminder period (Orleans' floor in production): a timer handed over shows well before.
    /// <summary>
    /// The hand-over of a stopping server's timers normally lands within seconds; a server that stops while forwarding it
    /// may reject it (rare), and the item is then the reminder's sweep's (one minute): once either way.
    /// </summary>
    private static readonly TimeSpan HandOverDeadline = TimeSpan.FromSeconds(100);

    private async Task<(Cluster Cluster, ConversationId Conversation, VisitorToken Token, int GrainServer)> FormPendingAsync(
        TimeSpan? contactForm, TimeSpan? transcriptOffer, int startOn = 1)
    {
        var cluster = await Cluster.StartAsync(3);
        await cluster[0].Playbooks.PublishAsync(Acme, Support.LoopingPlaybook(contactForm, transcriptOffer));
        var (conversation, token) = await cluster[startOn].StartIdAsync(Acme, new StartConversationRequest());
        var servers = new List<int>();
        (await cluster.WaitUntilAsync(async () => (servers = await cluster.ServersHostingAsync(conversation)).Count == 1, Support.Deadline))
            .Should().BeTrue("the greeting arms the contact-form delay on the conversation grain; grains: "
                             + string.Join(", ", await cluster.GrainIdsAsync(conversation)));
        output.WriteLine($"conversation grain on server {servers[0]}; grains: {string.Join(" | ", await cluster.GrainIdsAsync(conversation))}");
        return (cluster, conversation, token, servers[0]);
    }

    [Fact]
    public async Task ContactForm_NothingStops_ShownOnceWhenTheDelayPasses()
    {
        var (cluster, conversation, _, _) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        cluster.FormsShown(conversation, PlaybookFormKind.ContactForm).Should().Be(0, "the delay has not passed");
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await cluster.WaitUntilAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm) >= 1, HandOverDeadline))
            .Should().BeTrue("the grain's timer fires when the engine's clock passes the delay");
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(3)))
            .Should().Be(1, "the form is shown once in effect");
    }

    [Fact]
    public async Task ContactForm_GrainsServerStoppedGracefullyBeforeTheDelay_ShownOnceByASurvivor()
    {
        var (cluster, conversation, _, grainServer) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        await cluster.StopServerAsync(grainServer);
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await cluster.WaitUntilAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm) >= 1, HandOverDeadline))
            .Should().BeTrue("a stopping silo hands the grain's pending timers to its next activation (scale-out.md)");
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(3)))
            .Should().Be(1);
    }

    [Fact]
    public async Task ContactForm_ServerStoppedAfterTheClockPassedTheDelayButBeforeAnyoneLooked_ShownOnce()
    {
        // The stop races the timer: the clock passes the delay, then the grain's server stops at once.
        var (cluster, conversation, _, grainServer) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        await cluster.StopServerAsync(grainServer);
        (await cluster.WaitUntilAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm) >= 1, HandOverDeadline))
            .Should().BeTrue();
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(3)))
            .Should().Be(1);
    }

    [Fact]
    public async Task ContactForm_GrainDeactivatedByActivationCollection_ShownOnce()
    {
        var (cluster, conversation, _, _) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        // What a host (or Orleans under memory pressure) can do: collect every activation, idle or not.
        await cluster.Management(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await cluster.ServersHostingAsync(conversation);
        output.WriteLine($"after the forced collection, conversation grain on: [{string.Join(",", after)}]");
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await cluster.WaitUntilAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm) >= 1, HandOverDeadline))
            .Should().BeTrue("a deactivated grain hands its timers to its next activation");
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(3)))
            .Should().Be(1);
    }

    [Fact]
    public async Task ContactForm_CancelledThroughAnotherServer_NeverShown_EvenAfterTheGrainsServerStops()
    {
        var (cluster, conversation, token, grainServer) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        var other = cluster.Running.First(i => i != grainServer);
        // Leaving the bot for an agent cancels the form (PlaybookTimers.ContactFormAfterGreeting). With nobody online the
        // request goes Offline and the form still comes, also in one process: an agent is online here.
        await Support.OnlineAgentAsync(cluster[other], Acme, "alice");
        await cluster[other].Visitors.RequestAgentAsync(Acme, conversation, token, RoutingTargetWorkspace());
        await cluster.StopServerAsync(grainServer);
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(5)))
            .Should().Be(0, "the request for an agent cancelled the contact form");
    }

    [Fact]
    public async Task ContactForm_CancelledThroughAnotherServer_NothingStops_NeverShown()
    {
        // Control for the check above: the same cancel with every server running.
        var (cluster, conversation, token, grainServer) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        var other = cluster.Running.First(i => i != grainServer);
        await Support.OnlineAgentAsync(cluster[other], Acme, "alice");
        await cluster[other].Visitors.RequestAgentAsync(Acme, conversation, token, RoutingTargetWorkspace());
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(5)))
            .Should().Be(0, "the request for an agent cancelled the contact form");
    }

    [Fact]
    public async Task ContactForm_CancelledThroughTheGrainsOwnServer_ThenThatServerStops_NeverShown()
    {
        var (cluster, conversation, token, grainServer) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        await Support.OnlineAgentAsync(cluster[grainServer], Acme, "alice");
        await cluster[grainServer].Visitors.RequestAgentAsync(Acme, conversation, token, RoutingTargetWorkspace());
        await cluster.StopServerAsync(grainServer);
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(5)))
            .Should().Be(0, "the request for an agent cancelled the contact form");
    }

    [Fact]
    public async Task ContactForm_Cancelled_ThenGrainCollected_NeverShown()
    {
        var (cluster, conversation, token, grainServer) = await FormPendingAsync(Delay, null);
        await using var _c = cluster;
        await Support.OnlineAgentAsync(cluster[grainServer], Acme, "alice");
        await cluster[grainServer].Visitors.RequestAgentAsync(Acme, conversation, token, RoutingTargetWorkspace());
        await cluster.Management(0).ForceActivationCollection(TimeSpan.Zero);
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(5)))
            .Should().Be(0, "the request for an agent cancelled the contact form");
    }

    [Fact]
    public async Task TranscriptOffer_GrainsServerStoppedAfterTheEnd_OfferedOnceByASurvivor_AndTheContactFormNever()
    {
        var (cluster, conversation, token, grainServer) = await FormPendingAsync(Delay, Delay);
        await using var _c = cluster;
        var other = cluster.Running.First(i => i != grainServer);
        await cluster[other].Visitors.EndAsync(Acme, conversation, token);
        var servers = new List<int>();
        (await cluster.WaitUntilAsync(async () => (servers = await cluster.ServersHostingAsync(conversation)).Count == 1, Support.Deadline))
            .Should().BeTrue();
        await cluster.StopServerAsync(servers[0]);
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await cluster.WaitUntilAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.TranscriptOffer) >= 1, HandOverDeadline))
            .Should().BeTrue("the transcript offer comes 5 s after the end, also when the grain's server stopped");
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.TranscriptOffer), TimeSpan.FromSeconds(3)))
            .Should().Be(1);
        cluster.FormsShown(conversation, PlaybookFormKind.ContactForm).Should().Be(0, "the end cancelled the contact form");
    }

    [Fact]
    public async Task UnreadReplyEmail_GrainsServerStoppedInsideTheWindow_EmailedOnce()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var beta = new WorkspaceId("beta"); // no playbook: no forms
        await Support.ConfigureMailAsync(cluster[0], beta);
        var alice = await Support.OnlineAgentAsync(cluster[0], beta, "alice");
        var (conversation, token) = await cluster[1].StartIdAsync(beta, new StartConversationRequest());
        await cluster[1].Visitors.PostAsync(beta, conversation, token, "Do you ship to Lyon?", "v-1");
        await cluster[1].Visitors.SubmitContactFormAsync(beta, conversation, token, new ContactForm { Name = "Léa", Email = "lea@example.fr" });
        await cluster[1].Conversations.ClaimAsync(beta, conversation, alice);
        await cluster[1].Conversations.PostAgentMessageAsync(beta, conversation, alice, "Yes, in 48 hours.", "a-1");
        var servers = new List<int>();
        (await cluster.WaitUntilAsync(async () => (servers = await cluster.ServersHostingAsync(conversation)).Count == 1, Support.Deadline))
            .Should().BeTrue();
        output.WriteLine($"grain on {servers[0]}");
        await cluster.StopServerAsync(servers[0]);
        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        int Unread() => cluster.Mail.Sent.Count(m => m.To.ToString().Contains("lea@example.fr", StringComparison.OrdinalIgnoreCase)
                                                   && !m.MessageId.StartsWith("transcript", StringComparison.OrdinalIgnoreCase));
        (await cluster.WaitUntilAsync(async () =>
            {
                await cluster[cluster.Running.First()].Email.DispatchDueAsync();
                return Unread() >= 1;
            }, HandOverDeadline))
            .Should().BeTrue("the unread reply is e-mailed when the window ends, also after the grain's server stopped");
        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        foreach (var i in cluster.Running)
        {
            await cluster[i].Email.DispatchDueAsync();
        }

        (await Support.MaxOverAsync(Unread, TimeSpan.FromSeconds(3))).Should().Be(1, "never twice");
        output.WriteLine(string.Join("\n", cluster.Mail.Sent.Select(m => $"{m.MessageId} {m.To} {m.Subject}")));
    }

    [Fact]
    public async Task UnreadReplyEmail_ReplyPostedThroughAnotherServer_GrainDeactivated_EmailedOnce()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var beta = new WorkspaceId("beta");
        await Support.ConfigureMailAsync(cluster[0], beta);
        var alice = await Support.OnlineAgentAsync(cluster[0], beta, "alice");
        var (conversation, token) = await cluster[1].StartIdAsync(beta, new StartConversationRequest());
        await cluster[1].Visitors.SubmitContactFormAsync(beta, conversation, token, new ContactForm { Name = "Léa", Email = "lea2@example.fr" });
        await cluster[2].Conversations.ClaimAsync(beta, conversation, alice);
        await cluster[0].Conversations.PostAgentMessageAsync(beta, conversation, alice, "Reply one", "a-1");
        await cluster[2].Conversations.PostAgentMessageAsync(beta, conversation, alice, "Reply two", "a-2");
        await cluster.Management(0).ForceActivationCollection(TimeSpan.Zero);
        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        int Unread() => cluster.Mail.Sent.Count(m => m.To.ToString().Contains("lea2@example.fr", StringComparison.OrdinalIgnoreCase));
        (await cluster.WaitUntilAsync(async () =>
            {
                await cluster[0].Email.DispatchDueAsync();
                return Unread() >= 1;
            }, HandOverDeadline)).Should().BeTrue();
        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        await cluster[1].Email.DispatchDueAsync();
        (await Support.MaxOverAsync(Unread, TimeSpan.FromSeconds(3))).Should().Be(1, "both replies in one e-mail, once");
        var mail = cluster.Mail.Sent.Single(m => m.To.ToString().Contains("lea2@example.fr", StringComparison.OrdinalIgnoreCase));
        mail.TextBody.Should().Contain("Reply one").And.Contain("Reply two");
    }

    [Fact]
    public async Task TranscriptOffer_EndedThroughTwoServersAtOnce_OneEndWins_OfferedOnce()
    {
        var (cluster, conversation, token, grainServer) = await FormPendingAsync(Delay, Delay); // the contact form arms the grain; the claim cancels it
        await using var _c = cluster;
        var alice = await Support.OnlineAgentAsync(cluster[0], Acme, "alice");
        await cluster[2].Conversations.ClaimAsync(Acme, conversation, alice);
        var ends = new[]
        {
            Task.Run(async () => { await cluster[0].Visitors.EndAsync(Acme, conversation, token); }),
            Task.Run(async () => { await cluster[1].Conversations.EndAsync(Acme, conversation, alice); }),
            Task.Run(async () => { await cluster[2].Conversations.EndAsync(Acme, conversation, null); }),
        };
        var outcomes = new List<Exception?>();
        foreach (var end in ends)
        {
            try { await end; outcomes.Add(null); } catch (Exception e) { outcomes.Add(e); }
        }

        output.WriteLine(string.Join("; ", outcomes.Select(o => o?.GetType().Name ?? "ok")));
        outcomes.Where(o => o is not null).Should().AllSatisfy(o => o.Should().BeOfType<ConversationEndedException>());
        outcomes.Count(o => o is null).Should().BeGreaterThanOrEqualTo(1);
        cluster.Clock.Advance(Delay + TimeSpan.FromSeconds(1));
        (await cluster.WaitUntilAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.TranscriptOffer) >= 1, HandOverDeadline))
            .Should().BeTrue();
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Support.MaxOverAsync(() => cluster.FormsShown(conversation, PlaybookFormKind.TranscriptOffer), TimeSpan.FromSeconds(3)))
            .Should().Be(1, "one end, one offer");
    }

    private static LiveChat.Core.Routing.RoutingTarget RoutingTargetWorkspace() => LiveChat.Core.Routing.RoutingTarget.Workspace;
}
