using System.Collections.Immutable;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>Chat tracking under concurrency, across processes sharing one store, and isolation between workspaces (I2, X2).</summary>
public sealed class IdentityConcurrencyTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnotherProcessAppendsFirst_TheLoserDecidesAgainOnItsEntries_AndLeavesNoOrphanLead(bool otherChecksTheCrm)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryLiveChatStore();
        var crm = new InMemoryCrm(clock);
        var racing = new InterceptedLog(store);
        await using var other = Engine(clock, store, crm);
        await using var mine = Engine(clock, store, crm, racing);
        var first = mine.GetRequiredService<LiveChatEngine>();
        var second = other.GetRequiredService<LiveChatEngine>();
        // Checking the CRM, the other process finds the lead our attempt created and files its client on it; without
        // the check it creates a lead of its own and ours is left unlinked.
        second.Identity.Configure(Acme, new IdentitySettings
        {
            Channels = ImmutableDictionary<string, ChannelTracking>.Empty.Add("webchat", new ChannelTracking { CheckClientInCrm = otherChecksTheCrm }),
        });
        var theirs = (await second.Conversations.StartAsync(Acme)).Conversation.Id;
        var ours = (await first.Conversations.StartAsync(Acme)).Conversation.Id;

        // Between our decision (a new client) and our append, the other process files the same person.
        racing.BeforeNextAppend = async () => await second.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = theirs, Email = "ana@example.com" });
        var result = await first.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = ours, Email = "ana@example.com" });

        racing.Conflicts.Should().Be(1);
        result.Outcome.Should().Be(IdentifyOutcome.Matched);
        var contact = (await first.Identity.GetContactsAsync(Acme)).Should().ContainSingle().Subject;
        contact.Conversations.Select(c => c.ConversationId).Should().Equal(theirs, ours);
        (await crm.FindByEmailAsync(Acme, "ana@example.com")).Should().ContainSingle("an unlinked lead of a lost attempt is erased, a linked one kept")
            .Which.Id.Should().Be(contact.CrmRecord!.Value);
        (await second.Identity.GetContactsAsync(Acme)).Should().BeEquivalentTo([contact], IdentityHarness.ByMembers);
    }

    [Fact]
    public async Task ReadsAtOnce_InAProcessThatDidNotWrite_EachSeeWhatAnotherProcessStored()
    {
        // Found by the outside tester of issue 18: on a server that did not write, concurrent reads straight after
        // another server's writes answered null, because only the first read caught up with the store and the others
        // read the graph while it was still catching up.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryLiveChatStore();
        var crm = new InMemoryCrm(clock);
        var slowReads = new InterceptedLog(store);
        await using var writer = Engine(clock, store, crm);
        await using var reader = Engine(clock, store, crm, slowReads);
        var writing = writer.GetRequiredService<LiveChatEngine>();
        var reading = reader.GetRequiredService<LiveChatEngine>();
        var conversations = new List<ConversationId>();
        for (var i = 0; i < 6; i++)
        {
            var conversation = (await writing.Conversations.StartAsync(Acme)).Conversation.Id;
            await writing.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = conversation, Email = $"client{i}@example.com" });
            conversations.Add(conversation);
        }

        // The reader's first catch-up waits on the store (a database round trip) while the other reads come in.
        var roundTrip = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slowReads.BeforeNextRead = () => roundTrip.Task;
        var reads = conversations.Select(c => reading.Identity.FindByConversationAsync(Acme, c).AsTask()).ToList();
        roundTrip.SetResult();
        var contacts = await Task.WhenAll(reads);

        contacts.Should().OnlyContain(c => c != null, "each conversation was identified before the reads began");
        contacts.Select(c => c!.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task AStoreFailureDuringAnAppend_LeavesNoContactInMemory_AndNoLead_AndTheNextCallStartsClean()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryLiveChatStore();
        var crm = new InMemoryCrm(clock);
        var failing = new InterceptedLog(store) { BeforeNextAppend = () => throw new IOException("disk full") };
        await using var services = Engine(clock, store, crm, failing);
        var chat = services.GetRequiredService<LiveChatEngine>();
        var conversation = (await chat.Conversations.StartAsync(Acme)).Conversation.Id;

        var call = () => chat.Identity.IdentifyAsync(Acme, new IdentifyRequest { ConversationId = conversation, Email = "ana@example.com" }).AsTask();

        await call.Should().ThrowAsync<IOException>();
        (await chat.Identity.GetContactsAsync(Acme)).Should().BeEmpty("memory never holds what the store does not");
        (await chat.Identity.FindByConversationAsync(Acme, conversation)).Should().BeNull();
        (await crm.FindByEmailAsync(Acme, "ana@example.com")).Should().BeEmpty();

        var retried = await call();
        retried.Outcome.Should().Be(IdentifyOutcome.Created);
        (await crm.FindByEmailAsync(Acme, "ana@example.com")).Should().ContainSingle();
        (await store.ReadIdentityEventsAsync(Acme, 0)).Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, (await chat.Identity.GetLogAsync(Acme)).Count).Select(i => (long)i));
    }

    [Fact]
    public async Task ManyConversationsOfOneNewClient_ResolvedAtOnce_MakeOneContactAndOneLead()
    {
        await using var h = new LiveChatHarness();
        var conversations = new List<ConversationId>();
        for (var i = 0; i < 32; i++)
        {
            conversations.Add(await h.StartOnAsync(i % 2 == 0 ? "webchat" : "telegram"));
        }

        var results = await Task.WhenAll(conversations.Select(c => Task.Run(() => h.IdentifyAsync(c, r => r with { Email = "rush@example.com", Name = "Rush" }))));

        results.Select(r => r.Contact!.Id).Distinct().Should().ContainSingle();
        results.Count(r => r.Outcome == IdentifyOutcome.Created).Should().Be(1);
        var contact = await h.Chat.Identity.GetContactAsync(h.Workspace, results[0].Contact!.Id);
        contact.Conversations.Select(c => c.ConversationId).Should().BeEquivalentTo(conversations);
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "rush@example.com")).Should().ContainSingle();
    }

    [Fact]
    public async Task Workspaces_NeverShareContacts()
    {
        await using var h = new LiveChatHarness();
        var other = new WorkspaceId("globex");
        var here = await h.StartOnAsync("webchat");
        var there = (await h.Chat.Conversations.StartAsync(other)).Conversation.Id;

        var a = await h.IdentifyAsync(here, r => r with { Email = "same@example.com" });
        var b = await h.Chat.Identity.IdentifyAsync(other, new IdentifyRequest { ConversationId = there, Email = "same@example.com" });

        b.Outcome.Should().Be(IdentifyOutcome.Created);
        b.Contact!.Id.Should().NotBe(a.Contact!.Id);
        await FluentActions.Awaiting(() => h.Chat.Identity.GetContactAsync(other, a.Contact.Id).AsTask()).Should().ThrowAsync<ContactNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.IdentifyAsync(other, new IdentifyRequest { ConversationId = here, Email = "x@example.com" }).AsTask())
            .Should().ThrowAsync<ConversationNotFoundException>();
    }

    private static ServiceProvider Engine(TimeProvider clock, InMemoryLiveChatStore store, ICrmGateway crm, IIdentityLogStore? log = null)
    {
        var services = new ServiceCollection().AddSingleton(clock).AddSingleton(crm).AddLiveChat().UseStore(_ => store).Services;
        if (log is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(log));
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The store's identity log, with hooks run once before the next append (another process, or a failure) and the next read (a round trip).</summary>
    private sealed class InterceptedLog(InMemoryLiveChatStore inner) : IIdentityLogStore
    {
        public Func<Task>? BeforeNextAppend { get; set; }

        public int Conflicts { get; private set; }

        public Func<Task>? BeforeNextRead { get; set; }

        public async ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default)
        {
            if (BeforeNextRead is { } hook)
            {
                BeforeNextRead = null;
                await hook();
            }

            return await inner.ReadIdentityEventsAsync(workspace, afterSequence, cancellationToken);
        }

        public async ValueTask AppendIdentityEventsAsync(
            WorkspaceId workspace, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions, CancellationToken cancellationToken = default)
        {
            if (BeforeNextAppend is { } hook)
            {
                BeforeNextAppend = null;
                await hook();
            }

            try
            {
                await inner.AppendIdentityEventsAsync(workspace, entries, redactions, cancellationToken);
            }
            catch (IdentityLogConflictException)
            {
                Conflicts++;
                throw;
            }
        }
    }
}
