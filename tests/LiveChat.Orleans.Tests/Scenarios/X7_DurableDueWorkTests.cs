using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using LiveChat.Orleans.Tests.Postgres;
using LiveChat.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7 with E4 (fault kind "silo death"): due work armed by a silo (here the unread-reply e-mail) survives that silo's
/// death and runs once in effect. Each silo has a clock of its own, so a killed silo's timers stay still while the
/// survivors' move on.
/// </summary>
public sealed class X7_DurableDueWorkTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkspaceId Acme = new("acme");

    [PostgresFact]
    public async Task UnreadReplyEmail_ArmedOnASiloThatIsKilled_IsSentOnceByASurvivor()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var cluster = await StartAsync(database.ConnectionString);
        var silos = cluster.Silos;
        var (x, conversation) = await ReplyUnreadOnAsync(silos[1]);
        var store = cluster.Services.GetRequiredService<IDueWorkStore>();
        silos.Where(s => s != x).Should().OnlyContain(s => !Replies(s).IsArmed(Acme, conversation), "only the silo that stored the reply arms its window");

        var deadClock = Clock(x);
        await cluster.KillAsync(cluster.Handles[1]);
        foreach (var survivor in silos.Where(s => s != x))
        {
            Clock(survivor).Advance(TimeSpan.FromMinutes(1));
        }

        // No survivor has a timer for it: the due-work grain's reminder (PostgreSQL) runs it on one of them.
        await Eventually.HoldsAsync(() => Sent(cluster).Count > 0, "the window a dead silo armed is still e-mailed", TimeSpan.FromSeconds(60));
        (await store.FindAsync(Acme, conversation.ToString(), DueWorkKind.UnreadReplies)).Should().BeNull();
        deadClock.Advance(TimeSpan.FromMinutes(1));
        await cluster.SettleAsync();
        Sent(cluster).Should().ContainSingle("the killed silo's own timer, had it woken, finds the item completed")
            .Which.TextBody.Should().Contain("Yes, in two days.");
    }

    [Fact]
    public async Task UnreadReplyEmail_ArmedOnTwoSilos_IsSentOnce()
    {
        await using var cluster = await StartAsync(postgres: null);
        var silos = cluster.Silos;
        var (x, conversation) = await ReplyUnreadOnAsync(silos[1]);
        var y = silos[2];
        await Replies(y).ArmAsync(Acme, conversation, CancellationToken.None);
        Replies(y).IsArmed(Acme, conversation).Should().BeTrue("the second silo arms the window the store holds");

        foreach (var silo in silos)
        {
            Clock(silo).Advance(TimeSpan.FromMinutes(1));
        }

        await Eventually.HoldsAsync(() => Sent(cluster).Count > 0, "the window comes due on both silos");
        await cluster.SettleAsync();
        await cluster.Services.GetRequiredService<DueWorkSweep>().RunDueAsync();
        Sent(cluster).Should().ContainSingle("the store lets exactly one of the two timers (and the sweep) complete the item");
    }

    private static Task<SiloCluster> StartAsync(string? postgres) => SiloCluster.StartAsync(
        s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Start)).AddLiveChat()
            .Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)),
        postgres: postgres);

    /// <summary>A conversation whose visitor left an address, and an agent reply stored through <paramref name="silo"/>.</summary>
    private static async Task<(IServiceProvider Silo, ConversationId Conversation)> ReplyUnreadOnAsync(IServiceProvider silo)
    {
        var engine = silo.GetRequiredService<LiveChatEngine>();
        await engine.Email.ConfigureAsync(Acme, new EmailSettings
        {
            Sender = EmailAddress.Create("admin@acme.example", "ACME Support"),
            WorkspaceName = "ACME",
            ConversationLinkTemplate = "https://example.com/chat/{conversation}",
        });
        var alice = new AgentId("alice");
        await engine.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 5));
        await engine.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var started = await engine.Conversations.StartAsync(Acme);
        var id = started.Conversation.Id;
        await engine.Conversations.ClaimAsync(Acme, id, alice);
        await engine.Visitors.PostAsync(Acme, id, started.VisitorToken, "Do you ship to Prague?");
        await engine.Visitors.SubmitContactFormAsync(Acme, id, started.VisitorToken, new ContactForm { Name = "Ana", Email = "ana@example.com" });
        await engine.Conversations.PostAgentMessageAsync(Acme, id, alice, "Yes, in two days.");
        await Eventually.HoldsAsync(() => Replies(silo).IsArmed(Acme, id), "the reply mailer arms the window on the silo that stored the reply");
        return (silo, id);
    }

    private static ReplyNotifier Replies(IServiceProvider silo) => silo.GetRequiredService<ReplyNotifier>();

    private static FakeTimeProvider Clock(IServiceProvider silo) => (FakeTimeProvider)silo.GetRequiredService<TimeProvider>();

    private static IReadOnlyList<EmailMessage> Sent(SiloCluster cluster) => cluster.Services.GetRequiredService<InMemoryEmailTransport>().Sent;
}
