using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7 and I2: one identity grain per workspace is the single writer of its identity log for the whole cluster, so
/// concurrent resolutions of one person through different silos make one contact without any silo losing a race.
/// </summary>
public sealed class X7_IdentityWriterTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task ConcurrentIdentifies_OfOneNewClient_ThroughEverySilo_MakeOneContactAndOneLead_WithoutALostRace()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        CountingIdentityLog? log = null;
        await using var cluster = await SiloCluster.StartAsync(s => s
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IIdentityLogStore>(sp => log ??= new CountingIdentityLog(sp.GetRequiredService<InMemoryLiveChatStore>()))
            .AddLiveChat());
        var silos = cluster.Silos;
        var conversations = new List<(ConversationId Id, IServiceProvider Silo)>();
        for (var i = 0; i < 24; i++)
        {
            var silo = silos[i % silos.Count];
            conversations.Add(((await Engine(silo).Conversations.StartAsync(Acme)).Conversation.Id, silo));
        }

        var results = await Task.WhenAll(conversations.Select(c => Task.Run(() => Engine(c.Silo).Identity
            .IdentifyAsync(Acme, new IdentifyRequest { ConversationId = c.Id, Name = "Camille Roux", Email = "camille.roux@example.fr" }).AsTask())));

        results.Select(r => r.Contact!.Id).Distinct().Should().ContainSingle("one person, whatever silo each conversation came through");
        results.Count(r => r.Outcome == IdentifyOutcome.Created).Should().Be(1);
        foreach (var silo in silos)
        {
            var contacts = await Engine(silo).Identity.GetContactsAsync(Acme);
            contacts.Should().ContainSingle().Which.Conversations.Select(c => c.ConversationId).Should().BeEquivalentTo(conversations.Select(c => c.Id));
        }

        (await Engine(silos[1]).Crm.Gateway.FindByEmailAsync(Acme, "camille.roux@example.fr")).Should().ContainSingle("one lead");
        log!.Conflicts.Should().Be(0, "one writer decides for the workspace: no silo appended behind another's back and had to decide again");
    }

    private static LiveChatEngine Engine(IServiceProvider silo) => silo.GetRequiredService<LiveChatEngine>();
}
