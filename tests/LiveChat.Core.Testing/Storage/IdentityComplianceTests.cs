using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Compliance rules of the identity log (<see cref="IIdentityLogStore"/>) and of privacy erasure
/// (<see cref="IConversationEraser"/>), which every shipped store implements: exact round trips, gap-free numbering
/// per workspace, a refused second writer, atomic redaction, and the identity graph shared by two engines over one store.
/// </summary>
public abstract partial class IdentityComplianceTests : RoutingComplianceTests
{
    private const int Workers = 8;
    private const int AppendsPerWorker = 10;

    private IConversationEraser Eraser => Conversations as IConversationEraser
        ?? throw new InvalidOperationException("Every shipped store erases conversations (feature X9).");

    [Fact]
    public async Task ReadIdentityEvents_OfAWorkspaceWithNoLog_IsEmpty()
        => (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0)).Should().BeEmpty();

    [Fact]
    public async Task AppendIdentityEvents_EveryKindOfEntry_RoundTripsExactly()
    {
        var entries = EveryKindOfEntry(1);

        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, entries, []);

        var read = await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0);
        read.Should().BeEquivalentTo(entries, o => o.RespectingRuntimeTypes().ComparingRecordsByMembers().WithStrictOrdering());
        read.Select(e => e.GetType()).Should().Equal(entries.Select(e => e.GetType()));
        read.OfType<ConversationObserved>().Single().Identifiers[1].Raw.Should().Be(" Ana@Example.com ", "the raw value is kept for sending");
    }

    [Fact]
    public async Task ReadIdentityEvents_AfterASequence_ReturnsOnlyLaterEntries_InOrder()
    {
        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, EveryKindOfEntry(1)[..4], []);
        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, EveryKindOfEntry(5)[..3], []);

        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 3)).Select(e => e.Sequence).Should().Equal(4, 5, 6, 7);
        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 7)).Should().BeEmpty();
        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 100)).Should().BeEmpty();
    }

    [Fact]
    public async Task AppendIdentityEvents_FromAStaleReader_IsRefusedAsAConflict_AndWritesNothing()
    {
        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, EveryKindOfEntry(1)[..2], []);

        var stale = () => IdentityLog.AppendIdentityEventsAsync(WorkspaceA, EveryKindOfEntry(2)[..3], []).AsTask();

        (await stale.Should().ThrowAsync<IdentityLogConflictException>()).Which.Workspace.Should().Be(WorkspaceA);
        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0)).Select(e => e.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task AppendIdentityEvents_WithAGapOrABadRedaction_IsRefused_AndWritesNothing()
    {
        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, EveryKindOfEntry(1)[..2], []);
        var next = EveryKindOfEntry(3);

        var gap = () => IdentityLog.AppendIdentityEventsAsync(WorkspaceA, [next[0], next[2]], []).AsTask();
        var skipped = () => IdentityLog.AppendIdentityEventsAsync(WorkspaceA, EveryKindOfEntry(4)[..1], []).AsTask();
        var unknownRedaction = () => IdentityLog.AppendIdentityEventsAsync(WorkspaceA, next[..1], [EveryKindOfEntry(9)[0]]).AsTask();

        await gap.Should().ThrowAsync<ArgumentException>();
        await skipped.Should().ThrowAsync<ArgumentException>();
        await unknownRedaction.Should().ThrowAsync<ArgumentException>();
        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0)).Select(e => e.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task AppendIdentityEvents_NumbersEachWorkspaceOnItsOwn()
    {
        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, EveryKindOfEntry(1)[..3], []);
        await IdentityLog.AppendIdentityEventsAsync(WorkspaceB, EveryKindOfEntry(1)[..1], []);

        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0)).Should().HaveCount(3);
        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceB, 0)).Select(e => e.Sequence).Should().Equal(1);
    }

    [Fact]
    public async Task AppendIdentityEvents_WithRedactions_RewritesThoseEntriesInTheSameWrite()
    {
        var entries = EveryKindOfEntry(1);
        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, entries[..3], []);
        var linked = (IdentifierLinked)entries[2];
        var redacted = linked with { Link = linked.Link with { Identifier = ContactIdentifier.Email("erased@example.invalid") } };

        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, entries[3..4], [redacted]);

        var read = await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0);
        read.Should().HaveCount(4);
        ((IdentifierLinked)read[2]).Link.Identifier.Value.Should().Be("erased@example.invalid");
        read[0].Should().BeEquivalentTo(entries[0], o => o.RespectingRuntimeTypes().ComparingRecordsByMembers(), "other entries are untouched");
    }

    [Fact]
    public async Task AppendIdentityEvents_ByConcurrentWritersThatRetryOnConflict_KeepsEveryEntryOnce_WithoutGaps()
    {
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWorker; i++)
            {
                while (true)
                {
                    var last = (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0)).Count;
                    var entry = new CrmRecordLinked(new ContactId(Guid.NewGuid()), new CrmRecordId($"w{worker}-{i}"))
                    {
                        Sequence = last + 1, OccurredAt = Now, Actor = "compliance", Reason = "race",
                    };
                    try
                    {
                        await IdentityLog.AppendIdentityEventsAsync(WorkspaceA, [entry], []);
                        break;
                    }
                    catch (IdentityLogConflictException)
                    {
                        // Another writer took the number: read again and retry, as the engine does.
                    }
                }
            }
        }));
        await Task.WhenAll(workers);

        var log = await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0);
        log.Select(e => e.Sequence).Should().Equal(OneTo(Workers * AppendsPerWorker));
        log.Cast<CrmRecordLinked>().Select(e => e.Record.Value).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task EraseConversation_BlanksTextAndTheVisitorsName_KeepingNumberingTimesAndAgents()
    {
        var agent = await RegisterAgentAsync("ann");
        var conversation = await CreateAsync();
        conversation = (await CommitAsync(conversation, c => c with { Details = c.Details with { PersonName = "Ana Lima", OrganizationName = "Lima SA" } })).Conversation;
        await AppendAsync(conversation, VisitorSays("My number is 06 12 34 56 78", "c1"));
        conversation = await AssignAsync(await ReloadAsync(conversation), agent);
        await AppendAsync(conversation, AgentSays(agent, "Thanks Ana"));
        var before = await AllMessagesAsync(conversation);

        var erased = await Eraser.EraseConversationAsync(WorkspaceA, conversation.Id);

        erased.Should().Be(before.Count);
        var after = await AllMessagesAsync(conversation);
        after.Select(m => (m.Sequence, m.SentAt, m.Sender.Kind)).Should().Equal(before.Select(m => (m.Sequence, m.SentAt, m.Sender.Kind)));
        after.Should().OnlyContain(m => m.Text == ConversationErasure.ErasedText);
        after.Where(m => m.Sender.Kind == SenderKind.Visitor).Should().OnlyContain(m => m.Sender.DisplayName == ConversationErasure.ErasedText);
        after.Single(m => m.Sender.Kind == SenderKind.Agent).Sender.DisplayName.Should().Be(before.Single(m => m.Sender.Kind == SenderKind.Agent).Sender.DisplayName);
        var reloaded = await ReloadAsync(conversation);
        reloaded.VisitorName.Should().Be(ConversationErasure.ErasedText);
        reloaded.Details.PersonName.Should().BeNull();
        reloaded.Details.OrganizationName.Should().BeNull();
        reloaded.Version.Should().BeGreaterThan(conversation.Version, "a writer holding the old snapshot must retry on the erased one");
        reloaded.AssignedAgentId.Should().Be(agent.Id);

        (await Eraser.EraseConversationAsync(WorkspaceA, conversation.Id)).Should().Be(before.Count, "erasing twice is harmless");
    }

    [Fact]
    public async Task EraseConversation_OfAnotherWorkspaceOrUnknown_IsNotFound()
    {
        var conversation = await CreateAsync(WorkspaceB);

        var wrongWorkspace = () => Eraser.EraseConversationAsync(WorkspaceA, conversation.Id).AsTask();
        var unknown = () => Eraser.EraseConversationAsync(WorkspaceA, new ConversationId(Guid.NewGuid())).AsTask();

        await wrongWorkspace.Should().ThrowAsync<ConversationNotFoundException>();
        await unknown.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task Engine_TwoEnginesOverOneStore_ShareTheIdentityGraph_AndAnErasure()
    {
        var crm = new InMemoryCrm(Clock);
        await using var first = EngineOverStore(crm);
        await using var second = EngineOverStore(crm);
        var one = first.GetRequiredService<LiveChatEngine>();
        var two = second.GetRequiredService<LiveChatEngine>();
        var settings = new IdentitySettings { DefaultRegion = "FR" };
        one.Identity.Configure(WorkspaceA, settings);
        two.Identity.Configure(WorkspaceA, settings);

        var (instagram, token) = await one.Conversations.StartAsync(WorkspaceA, new StartConversationRequest { Channel = "instagram", VisitorName = "Marie" });
        await one.Visitors.PostAsync(WorkspaceA, instagram.Id, token, "Bonjour, mon numéro est le 06 12 34 56 78");
        var created = await one.Identity.IdentifyAsync(WorkspaceA, new IdentifyRequest { ConversationId = instagram.Id, ChannelHandle = "ig-1", Phone = "06 12 34 56 78" });
        var website = (await two.Conversations.StartAsync(WorkspaceA)).Conversation;
        var matched = await two.Identity.IdentifyAsync(WorkspaceA, new IdentifyRequest { ConversationId = website.Id, Phone = "+33 6 12 34 56 78" });

        matched.Outcome.Should().Be(IdentifyOutcome.Matched, "the second engine reads what the first one appended");
        matched.Contact!.Id.Should().Be(created.Contact!.Id);
        (await one.Identity.GetContactAsync(WorkspaceA, created.Contact.Id)).Conversations.Select(c => c.ConversationId)
            .Should().Equal(instagram.Id, website.Id);

        await two.Identity.EraseAsync(WorkspaceA, created.Contact.Id, "agent:ann", "privacy request");

        (await one.Identity.GetContactAsync(WorkspaceA, created.Contact.Id)).Erasure.Should().NotBeNull();
        var log = await one.Identity.GetLogAsync(WorkspaceA);
        log.OfType<ConversationObserved>().SelectMany(e => e.Identifiers).Should().OnlyContain(i => i.Value == "erased", "the first engine's copy is redacted too");
        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0)).OfType<IdentifierLinked>().Should().OnlyContain(e => e.Link.Identifier.Value == "erased");
        (await Conversations.GetMessagesAsync(WorkspaceA, instagram.Id, 0, 100)).Should().NotBeEmpty()
            .And.OnlyContain(m => m.Text == ConversationErasure.ErasedText);
    }

    [Fact]
    public async Task Engine_TwoEnginesIdentifyingOnePersonAtOnce_EndWithOneContact()
    {
        var crm = new InMemoryCrm(Clock);
        await using var first = EngineOverStore(crm);
        await using var second = EngineOverStore(crm);
        var engines = new[] { first.GetRequiredService<LiveChatEngine>(), second.GetRequiredService<LiveChatEngine>() };
        var conversations = new List<(LiveChatEngine Engine, ConversationId Id)>();
        for (var i = 0; i < Workers; i++)
        {
            var engine = engines[i % 2];
            conversations.Add((engine, (await engine.Conversations.StartAsync(WorkspaceA)).Conversation.Id));
        }

        await Task.WhenAll(conversations.Select(c => Task.Run(async () =>
            await c.Engine.Identity.IdentifyAsync(WorkspaceA, new IdentifyRequest { ConversationId = c.Id, Email = "ana@example.com" }))));

        foreach (var engine in engines)
        {
            var contacts = await engine.Identity.GetContactsAsync(WorkspaceA);
            contacts.Should().ContainSingle("a lost race is decided again on the winner's entries, not duplicated")
                .Which.Conversations.Select(c => c.ConversationId).Should().BeEquivalentTo(conversations.Select(c => c.Id));
        }

        (await crm.FindByEmailAsync(WorkspaceA, "ana@example.com")).Should().ContainSingle("a lead created by a lost attempt is erased");
    }

    /// <summary>One entry of each kind, numbered from <paramref name="first"/>; not a coherent story, only shapes.</summary>
    private static IdentityEvent[] EveryKindOfEntry(long first)
    {
        var contact = new ContactId(Guid.NewGuid());
        var other = new ContactId(Guid.NewGuid());
        var conversation = new ConversationId(Guid.NewGuid());
        var at = new DateTimeOffset(2026, 1, 5, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var email = ContactIdentifier.Email(" Ana@Example.com ");
        var phone = ContactIdentifier.Phone("06 12 34 56 78", "FR", VerificationLevel.ChannelAsserted);
        var handle = ContactIdentifier.Handle(IdentifierKind.Instagram, "ig-4711");
        var user = ContactIdentifier.ExternalUser("user-42");
        var link = new LinkedIdentifier(email, Blocked: false, at, conversation);
        var attached = new ContactConversation(conversation, "instagram", handle, VerificationLevel.ChannelAsserted, at);
        var field = new ContactField("name", "Ana Lima", $"conversation:{conversation}", at);
        var i = 0;
        IdentityEvent[] entries =
        [
            new ContactCreated(contact, conversation) { OccurredAt = at, Actor = "chat-tracking", Reason = "new client" },
            new ConversationObserved(conversation, "instagram", [handle, email, phone, user]) { OccurredAt = at, Actor = "chat-tracking", Reason = "new client" },
            new IdentifierLinked(contact, link) { OccurredAt = at, Actor = "chat-tracking", Reason = "new client" },
            new ConversationAttached(contact, attached) { OccurredAt = at, Actor = "chat-tracking", Reason = "new client" },
            new FieldRecorded(contact, field with { Value = "Ana L." }, field) { OccurredAt = at, Actor = "agent:ann", Reason = "typo" },
            new CrmRecordLinked(contact, new CrmRecordId("lead-7")) { OccurredAt = at, Actor = "chat-tracking", Reason = "new client" },
            new ContactsMerged(contact, other, [link with { Blocked = true, Source = null }], [attached with { Via = null }], [field], new CrmRecordId("lead-8"))
            {
                OccurredAt = at, Actor = "agent:ann", Reason = "same person",
            },
            new MergeUndone(7, contact, other) { OccurredAt = at, Actor = "agent:ann", Reason = "not the same person" },
            new ConversationMoved(contact, other, attached, attached with { Via = null, Verification = VerificationLevel.SelfAsserted }, [link], [link with { Blocked = true }], [field], [])
            {
                OccurredAt = at, Actor = "chat-tracking", Reason = "another first name",
            },
            new ConversationMoveUndone(9, contact, other, conversation) { OccurredAt = at, Actor = "agent:ann", Reason = "same household account" },
            new IdentifierDetached(contact, phone, [conversation], ["name", "company"]) { OccurredAt = at, Actor = "agent:ann", Reason = "wrong phone" },
            new SuggestionRaised(new MergeSuggestion(contact, other, SuggestionReason.ConflictingVerifiedIds, user, conversation))
            {
                OccurredAt = at, Actor = "chat-tracking", Reason = "conflict",
            },
            new ContactErased(other, new ErasureSummary(2, 15, at)) { OccurredAt = at, Actor = "agent:ann", Reason = "privacy request" },
        ];
        return [.. entries.Select(e => e with { Sequence = first + i, OccurredAt = at.AddSeconds(i++) })];
    }
}
