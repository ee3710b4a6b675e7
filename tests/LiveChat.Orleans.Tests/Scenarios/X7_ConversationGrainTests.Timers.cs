using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using LiveChat.Orleans.Tests.Postgres;
using LiveChat.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Core.Internal;
using Orleans.Hosting;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// (c) X7 with P7 (fault kind "silo death"): the contact-form delay of a conversation is a timer of its conversation
/// grain, whichever silo scheduled it: it shows the form once when the clock of the grain's silo passes it, nothing once
/// cancelled through another silo, and once only when that silo is killed first (the due-work reminder's sweep on a
/// survivor is the backstop; the store's TryComplete lets one runner through). Each silo has a clock of its own, so a
/// killed silo's timers stay still while the survivors' move on.
/// </summary>
public sealed partial class X7_ConversationGrainTests
{
    private static readonly TimeSpan FormDelay = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ContactFormDelay_OnTheGrainsSilo_WhenTheClockPassesIt_ShowsTheFormOnce()
    {
        await using var cluster = await StartWithClocksAsync(postgres: null);
        var (silo, id) = await StartGreetedAsync(cluster);

        foreach (var each in cluster.Silos)
        {
            Clock(each).Advance(FormDelay);
        }

        await Eventually.HoldsAsync(async () => (await InvitationsAsync(cluster, id)) > 0, "the delay comes due on the grain's silo");
        await cluster.SettleAsync();
        await cluster.Services.GetRequiredService<DueWorkSweep>().RunDueAsync();
        await cluster.SettleAsync();
        (await InvitationsAsync(cluster, id)).Should().Be(1, "the timer and the sweep both try the item; the store lets one through");
        Scheduler(silo).IsArmed(Acme, id, DueWorkKind.ContactForm).Should().BeFalse();
    }

    [Fact]
    public async Task ContactFormDelay_OnTheGrainsSilo_ThatSiloStopped_ShowsTheFormOnceOnASurvivor()
    {
        await using var cluster = await StartWithClocksAsync(postgres: null);
        var (silo, id) = await StartGreetedAsync(cluster);

        // A graceful stop (a deploy): the grain's activation goes, and hands its timer on before it does.
        await cluster.StopAsync(cluster.Handles[1]);
        foreach (var survivor in cluster.Silos.Where(s => s != silo))
        {
            Clock(survivor).Advance(FormDelay);
        }

        // Normally the handed-over timer shows it within seconds. A silo that stops while forwarding the hand-over may
        // reject it (about one stop in twenty under load here): the item is then the sweep's, run here by hand.
        try
        {
            await Eventually.HoldsAsync(async () => (await InvitationsAsync(cluster, id)) > 0, "the handed-over timer", TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            await cluster.Services.GetRequiredService<DueWorkSweep>().RunDueAsync();
        }

        await ShowsTheFormOnceAsync(cluster, id, "once, through the hand-over or the sweep");
    }

    [PostgresFact]
    public async Task ContactFormDelay_OnTheGrainsSilo_ThatSiloKilled_ShowsTheFormOnceThroughTheSweep()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var cluster = await StartWithClocksAsync(database.ConnectionString);
        var (silo, id) = await StartGreetedAsync(cluster);
        var deadClock = Clock(silo);

        await cluster.KillAsync(cluster.Handles[1]);
        foreach (var survivor in cluster.Silos.Where(s => s != silo))
        {
            Clock(survivor).Advance(FormDelay);
        }

        // No survivor has a timer for it: the due-work grain's reminder (PostgreSQL) runs it on one of them.
        await Eventually.HoldsAsync(async () => (await InvitationsAsync(cluster, id)) > 0, "the delay a dead silo armed still shows the form", TimeSpan.FromSeconds(60));
        (await cluster.Services.GetRequiredService<IDueWorkStore>().FindAsync(Acme, id.ToString(), DueWorkKind.ContactForm)).Should().BeNull();
        deadClock.Advance(FormDelay);
        await cluster.SettleAsync();
        (await InvitationsAsync(cluster, id)).Should().Be(1, "the killed silo's own timer, had it woken, finds the item completed");
    }

    [Fact]
    public async Task ContactFormDelay_ItsGrainDeactivatedBeforeItComesDue_IsHandedToTheNextActivation_AndShowsTheFormOnce()
    {
        await using var cluster = await StartWithClocksAsync(postgres: null);
        var (silo, id, token) = await StartGreetedWithTokenAsync(cluster);

        // The activation holding the timer goes (as on a move or a silo's shutdown); its timers go with it.
        await ConversationGrainKey.Of(silo.GetRequiredService<IGrainFactory>(), Acme, id).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Engine(cluster.Silos[2]).Visitors.MarkReadAsync(Acme, id, token, 1);
        cluster.Silos.Should().OnlyContain(s => Scheduler(s).ArmedHere == 0, "no silo holds the item on its own timers");

        // Whichever silo the next activation is on, its clock moving shows the form: no sweep runs in this test.
        foreach (var each in cluster.Silos)
        {
            Clock(each).Advance(FormDelay);
        }

        await ShowsTheFormOnceAsync(cluster, id, "the deactivated grain handed its timer to its next activation");
    }

    [Fact]
    public async Task ContactFormDelay_ScheduledThroughAnotherSilo_IsTheConversationGrainsTimer_AndComesDueOnItsSilosClock()
    {
        await using var cluster = await StartWithClocksAsync(postgres: null);
        var (grainSilo, other, id) = await ScheduledThroughAnotherSiloAsync(cluster);

        Scheduler(other).ArmedHere.Should().Be(0, "the scheduling silo arms no timer of its own");
        Scheduler(other).IsArmed(Acme, id, DueWorkKind.ContactForm).Should().BeTrue("it remembers what it armed on the grain until it comes due");

        // Only the clock of the silo the grain is active on moves: its timer shows the form.
        Clock(grainSilo).Advance(FormDelay);
        await ShowsTheFormOnceAsync(cluster, id, "the grain's timer comes due on its silo's clock");
    }

    [Fact]
    public async Task ContactFormDelay_CancelledThroughAnotherSilo_ShowsNothing()
    {
        await using var cluster = await StartWithClocksAsync(postgres: null);
        var (grainSilo, other, id) = await ScheduledThroughAnotherSiloAsync(cluster);

        await Scheduler(other).CancelAsync(Acme, id, DueWorkKind.ContactForm, CancellationToken.None);
        Clock(grainSilo).Advance(FormDelay);
        await cluster.SettleAsync();
        await cluster.Services.GetRequiredService<DueWorkSweep>().RunDueAsync();

        Scheduler(other).IsArmed(Acme, id, DueWorkKind.ContactForm).Should().BeFalse();
        (await InvitationsAsync(cluster, id)).Should().Be(0, "a cancelled delay shows nothing, whoever held its timer");
    }

    private static Task<SiloCluster> StartWithClocksAsync(string? postgres) => SiloCluster.StartAsync(
        s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))).AddLiveChat()
            .Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)),
        postgres: postgres);

    /// <summary>
    /// A conversation started through the second silo under a playbook with a timed contact form; the visitor's first
    /// command (mark read) activates the conversation's grain there (it is placed on its first caller's silo), where the
    /// delay is armed.
    /// </summary>
    private static async Task<(IServiceProvider Silo, ConversationId Id)> StartGreetedAsync(SiloCluster cluster)
    {
        var (silo, id, _) = await StartGreetedWithTokenAsync(cluster);
        return (silo, id);
    }

    /// <summary>As <see cref="StartGreetedAsync"/>, with the visitor's token.</summary>
    private static async Task<(IServiceProvider Silo, ConversationId Id, VisitorToken Token)> StartGreetedWithTokenAsync(SiloCluster cluster)
    {
        var silo = cluster.Silos[1];
        var (id, token) = await StartOnAsync(silo, new PlaybookTimers { ContactFormAfterGreeting = FormDelay, TranscriptOfferAfterEnd = null });
        await Eventually.HoldsAsync(() => Scheduler(silo).IsArmed(Acme, id, DueWorkKind.ContactForm), "the delay is armed on the grain's silo");
        cluster.Silos.Where(s => s != silo).Should().OnlyContain(s => !Scheduler(s).IsArmed(Acme, id, DueWorkKind.ContactForm));
        return (silo, id, token);
    }

    /// <summary>
    /// A conversation started through <paramref name="silo"/> under a greeting playbook with <paramref name="timers"/>,
    /// waiting at a question; the visitor's first command (mark read) activates its grain there.
    /// </summary>
    private static async Task<(ConversationId Id, VisitorToken Token)> StartOnAsync(IServiceProvider silo, PlaybookTimers? timers)
    {
        await Engine(silo).Playbooks.PublishAsync(Acme, new Playbook
        {
            Id = "greeting", Version = 1, Language = "en", StartCardId = "greet",
            Timers = timers ?? new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = null },
            Cards =
            [
                new MessageCard { Id = "greet", Text = "Hello! How can we help?", Next = "topic" },
                new FreeTextQuestionCard { Id = "topic", Text = "What is it about?", Next = "thanks" },
                new EndCard { Id = "thanks", Text = "Thanks, someone will answer here." },
            ],
        });
        var started = await Engine(silo).Conversations.StartAsync(Acme);
        await Engine(silo).Visitors.MarkReadAsync(Acme, started.Conversation.Id, started.VisitorToken, 1);
        return (started.Conversation.Id, started.VisitorToken);
    }

    /// <summary>
    /// A conversation whose grain is active on the second silo, under a playbook with no timed card (nothing is armed),
    /// and a contact-form delay the third silo then schedules itself.
    /// </summary>
    private static async Task<(IServiceProvider GrainSilo, IServiceProvider Other, ConversationId Id)> ScheduledThroughAnotherSiloAsync(SiloCluster cluster)
    {
        var (grainSilo, other) = (cluster.Silos[1], cluster.Silos[2]);
        var (id, _) = await StartOnAsync(grainSilo, timers: null);
        await Scheduler(other).ScheduleAsync(Acme, id, DueWorkKind.ContactForm, Clock(other).GetUtcNow() + FormDelay, CancellationToken.None);
        return (grainSilo, other, id);
    }

    /// <summary>The form shows (<paramref name="because"/>), once, and the item is completed in the store.</summary>
    private static async Task ShowsTheFormOnceAsync(SiloCluster cluster, ConversationId id, string because)
    {
        await Eventually.HoldsAsync(async () => (await InvitationsAsync(cluster, id)) > 0, because);
        await cluster.SettleAsync();
        (await InvitationsAsync(cluster, id)).Should().Be(1);
        (await cluster.Services.GetRequiredService<IDueWorkStore>().FindAsync(Acme, id.ToString(), DueWorkKind.ContactForm)).Should().BeNull("the timer completed the item");
    }

    private static async Task<int> InvitationsAsync(SiloCluster cluster, ConversationId id)
        => (await Engine(cluster.Silos[0]).Conversations.GetMessagesAsync(Acme, id, limit: 100)).Count(m => m.Text.StartsWith("Introduce yourself", StringComparison.Ordinal));

    private static DueWorkScheduler Scheduler(IServiceProvider silo) => ((IDueWorkOwner)Engine(silo).Playbooks).DueWork;

    private static FakeTimeProvider Clock(IServiceProvider silo) => (FakeTimeProvider)silo.GetRequiredService<TimeProvider>();
}
