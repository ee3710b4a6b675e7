using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7 and I2: one identity grain per workspace is the single writer of its identity log for the whole cluster, so
/// concurrent resolutions of one person, and concurrent merges, corrections, detaches and erasures, through different
/// silos never make a silo lose a race, and leave what the same calls leave one after another.
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

    [Fact]
    public async Task ConcurrentMergesCorrectionsDetachesAndErasures_ThroughEverySilo_NoAppendRefused_AndTheStateOfTheSameCallsInTurn()
    {
        var concurrent = await RunCorrectionsAsync(concurrently: true, identityGrain: true);
        var inTurn = await RunCorrectionsAsync(concurrently: false, identityGrain: true);

        concurrent.Conflicts.Should().Be(0, "the workspace's identity grain is its log's one writer: no silo appended behind another's back");
        concurrent.State.Should().Equal(inTurn.State);
        inTurn.State.Should().Contain(c => c.StartsWith("merged into Client 0|", StringComparison.Ordinal))
            .And.Contain(c => c.StartsWith("erased|", StringComparison.Ordinal))
            .And.Contain(c => c.Contains("company=Company 12", StringComparison.Ordinal), "every kind of write took effect");
    }

    [Fact]
    public async Task ConcurrentMergesCorrectionsDetachesAndErasures_WithTheInProcessPortOnTheCluster_HaveAppendsRefused()
    {
        var run = await RunCorrectionsAsync(concurrently: true, identityGrain: false);

        run.Conflicts.Should().BeGreaterThan(0, "without the grain each silo writes in its own turn, and the store refuses the appends that lost a race");
    }

    [Fact]
    public async Task WritesTheGrainRefuses_ReachEverySilo_AsTheCoresOwnExceptionsWithTheirValues()
    {
        await using var cluster = await SiloCluster.StartAsync(s => s
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)))
            .AddLiveChat());
        var first = Engine(cluster.Silos[0]);
        var conversation = (await first.Conversations.StartAsync(Acme)).Conversation.Id;
        var contact = (await first.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = conversation, Name = "Ines", Email = "ines@example.com" })).Contact!.Id;
        var before = await first.Identity.GetLogAsync(Acme);

        foreach (var silo in cluster.Silos)
        {
            var identity = Engine(silo).Identity;
            var missing = new ContactId(Guid.NewGuid());
            var unknown = new ConversationId(Guid.NewGuid());
            (await identity.Invoking(i => i.CorrectFieldAsync(Acme, missing, "company", "Acme", "agent:alice", "typo").AsTask()).Should()
                .ThrowExactlyAsync<ContactNotFoundException>()).Which.ContactId.Should().Be(missing);
            (await identity.Invoking(i => i.ReResolveAsync(Acme, unknown).AsTask()).Should()
                .ThrowExactlyAsync<ConversationNotFoundException>()).Which.ConversationId.Should().Be(unknown);
            (await identity.Invoking(i => i.MergeAsync(Acme, contact, contact, "agent:alice", "same").AsTask()).Should()
                .ThrowExactlyAsync<MergeRefusedException>()).Which.Reason.Should().Be("a contact cannot be merged into itself");
            (await identity.Invoking(i => i.DetachIdentifierAsync(Acme, contact, ContactIdentifier.ExternalUser("u-7"), "agent:alice", "wrong").AsTask()).Should()
                .ThrowExactlyAsync<IdentifierNotLinkedException>()).Which.Kind.Should().Be(IdentifierKind.ExternalUserId);
            await identity.Invoking(i => i.UndoMoveAsync(Acme, 999, "agent:alice", "no such move").AsTask()).Should().ThrowExactlyAsync<MergeRefusedException>();
            await identity.Invoking(i => i.EraseAsync(Acme, missing, "dpo", "asked").AsTask()).Should().ThrowExactlyAsync<ContactNotFoundException>();
        }

        (await first.Identity.GetLogAsync(Acme)).Should().HaveCount(before.Count, "nothing refused was written");
    }

    /// <summary>
    /// Files 30 clients through the three silos in turn, then makes 24 writes on them through the three silos: 6 merges
    /// (clients 0–11 in pairs), 6 corrections (12–17), 6 detaches of the phone (18–23) and 6 erasures (24–29).
    /// </summary>
    /// <returns>Each contact described without its random ids, sorted; and the appends the store refused.</returns>
    private static async Task<(IReadOnlyList<string> State, int Conflicts)> RunCorrectionsAsync(bool concurrently, bool identityGrain)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        CountingIdentityLog? log = null;
        await using var cluster = await SiloCluster.StartAsync(
            s => s.AddSingleton<TimeProvider>(clock)
                .AddSingleton<IIdentityLogStore>(sp => log ??= new CountingIdentityLog(sp.GetRequiredService<InMemoryLiveChatStore>()))
                .AddLiveChat(),
            afterOrleans: identityGrain ? null : s => s.Replace(ServiceDescriptor.Singleton<IIdentityPort>(sp => sp.GetRequiredService<InProcessIdentity>())));
        var silos = cluster.Silos;
        var contacts = new List<Contact>();
        for (var i = 0; i < 30; i++)
        {
            var chat = Engine(silos[i % silos.Count]);
            var conversation = (await chat.Conversations.StartAsync(Acme)).Conversation.Id;
            var request = new IdentifyRequest { ConversationId = conversation, Name = $"Client {i}", Email = $"client{i}@example.com", Phone = $"+336123456{i:00}" };
            contacts.Add((await chat.Identity.IdentifyAsync(Acme, request)).Contact!);
        }

        var writes = new List<Func<IdentityService, Task>>();
        for (var i = 0; i < 12; i += 2)
        {
            var (survivor, absorbed) = (contacts[i].Id, contacts[i + 1].Id);
            writes.Add(identity => identity.MergeAsync(Acme, survivor, absorbed, "agent:alice", "one person").AsTask());
        }

        foreach (var (contact, i) in contacts.Select((c, i) => (c, i)).Skip(12).Take(6))
        {
            writes.Add(identity => identity.CorrectFieldAsync(Acme, contact.Id, "company", $"Company {i}", "agent:alice", "told on the phone").AsTask());
        }

        foreach (var contact in contacts.Skip(18).Take(6))
        {
            var phone = contact.Identifiers.Single(l => l.Identifier.Kind == IdentifierKind.Phone).Identifier;
            writes.Add(identity => identity.DetachIdentifierAsync(Acme, contact.Id, phone, "agent:alice", "not their phone").AsTask());
        }

        foreach (var contact in contacts.Skip(24))
        {
            writes.Add(identity => identity.EraseAsync(Acme, contact.Id, "dpo", "asked to be forgotten").AsTask());
        }

        var calls = writes.Select((write, i) => (Write: write, Identity: Engine(silos[i % silos.Count]).Identity)).ToList();
        if (concurrently)
        {
            await Task.WhenAll(calls.Select(c => Task.Run(() => c.Write(c.Identity))));
        }
        else
        {
            foreach (var (write, identity) in calls)
            {
                await write(identity);
            }
        }

        var all = await Engine(silos[2]).Identity.GetContactsAsync(Acme);
        return ([.. all.Select(c => Describe(c, all)).Order(StringComparer.Ordinal)], log!.Conflicts);
    }

    /// <summary>A contact without its random ids: status, name, identifiers, fields, conversation count and CRM link.</summary>
    private static string Describe(Contact contact, IReadOnlyList<Contact> all)
    {
        var status = contact.MergedInto is { } into ? $"merged into {all.Single(c => c.Id == into).Name}" : contact.Erasure is null ? "active" : "erased";
        var identifiers = string.Join(",", contact.Identifiers.Select(l => $"{l.Identifier.Kind}:{l.Identifier.Value}{(l.Blocked ? "(blocked)" : "")}").Order(StringComparer.Ordinal));
        var fields = string.Join(",", contact.Fields.Select(f => $"{f.Name}={f.Value}").Order(StringComparer.Ordinal));
        return $"{status}|{contact.Name}|{identifiers}|{fields}|{contact.Conversations.Length} conversations|crm:{contact.CrmRecord is not null}";
    }

    private static LiveChatEngine Engine(IServiceProvider silo) => silo.GetRequiredService<LiveChatEngine>();
}
