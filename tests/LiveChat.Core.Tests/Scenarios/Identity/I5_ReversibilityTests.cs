using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>I5: append-only log with actor and reason; detach with tombstone; undoable merges; audit trail per contact.</summary>
public sealed class I5_ReversibilityTests
{
    [Fact]
    public async Task DetachingAWrongPhone_MovesItsConversationAway_AndReResolvingDoesNotReattachIt()
    {
        await using var h = IdentityHarness.French();
        var instagram = await h.StartOnAsync("instagram");
        var website = await h.StartOnAsync("webchat");
        var owner = (await h.IdentifyAsync(instagram, r => r with { ChannelHandle = "ig-1", Name = "Léa", Phone = "06 11 22 33 44" })).Contact!;
        var wrong = await h.IdentifyAsync(website, r => r with { Phone = "+33 6 11 22 33 44", Fields = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("company", "Other Corp") });
        wrong.Contact!.Id.Should().Be(owner.Id);

        var after = await h.Chat.Identity.DetachIdentifierAsync(h.Workspace, owner.Id, ContactIdentifier.Phone("06 11 22 33 44", "FR"), "agent:alice", "Léa mistyped her number");

        after.Identifiers.Should().NotContain(l => l.Identifier.Kind == IdentifierKind.Phone);
        after.Conversations.Select(c => c.ConversationId).Should().Equal(instagram);
        after.Field("company").Should().BeNull("the field came from the detached conversation");
        var elsewhere = await h.Chat.Identity.FindByConversationAsync(h.Workspace, website);
        elsewhere!.Id.Should().NotBe(owner.Id, "the website conversation was resolved again, to someone else");
        elsewhere.Find(ContactIdentifier.Phone("+33611223344", null)).Should().NotBeNull();

        var again = await h.IdentifyAsync(website, r => r with { Phone = "+33 6 11 22 33 44" });
        var reResolved = await h.Chat.Identity.ReResolveAsync(h.Workspace, website);
        again.Contact!.Id.Should().NotBe(owner.Id);
        reResolved.Contact!.Id.Should().NotBe(owner.Id);

        var fresh = await h.StartOnAsync("webchat");
        (await h.IdentifyAsync(fresh, r => r with { Phone = "06 11 22 33 44" })).Contact!.Id.Should().NotBe(owner.Id, "the tombstone holds for new conversations too");
        var instagramAgain = await h.StartOnAsync("instagram");
        var back = await h.IdentifyAsync(instagramAgain, r => r with { ChannelHandle = "ig-1", Phone = "06 11 22 33 44" });
        back.Contact!.Id.Should().Be(owner.Id, "the Instagram handle still proves who this is");
        back.Contact.Find(ContactIdentifier.Phone("+33611223344", null)).Should().BeNull("the tombstone keeps the detached phone off this contact");
        back.Ignored.Should().ContainSingle().Which.Kind.Should().Be(IdentifierKind.Phone);

        var detach = (await h.Chat.Identity.GetAuditTrailAsync(h.Workspace, owner.Id)).OfType<IdentifierDetached>().Should().ContainSingle().Subject;
        detach.Actor.Should().Be("agent:alice");
        detach.Reason.Should().Be("Léa mistyped her number");
        detach.DetachedConversations.Should().Equal(website);
    }

    [Fact]
    public async Task AnUndoneMerge_RestoresBothContactsExactly()
    {
        await using var h = IdentityHarness.French();
        var one = await h.StartOnAsync("telegram");
        var two = await h.StartOnAsync("webchat");
        var a = (await h.IdentifyAsync(one, r => r with { ChannelHandle = "tg-9", Name = "Max", Phone = "06 98 76 54 32" })).Contact!;
        var b = (await h.IdentifyAsync(two, r => r with { Email = "maxime@example.com", Name = "Maxime", Fields = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("city", "Lyon") })).Contact!;

        var merge = await h.Chat.Identity.MergeAsync(h.Workspace, a.Id, b.Id, "agent:alice", "same person");
        var merged = await h.Chat.Identity.GetContactAsync(h.Workspace, a.Id);
        merged.Conversations.Should().HaveCount(2);
        merged.Field("city")!.Value.Should().Be("Lyon");
        (await h.Chat.Identity.FindAsync(h.Workspace, ContactIdentifier.Email("maxime@example.com")))!.Id.Should().Be(a.Id);

        var undone = await h.Chat.Identity.UndoMergeAsync(h.Workspace, merge.Sequence, "agent:bob", "they are twins");

        undone.MergeSequence.Should().Be(merge.Sequence);
        (await h.Chat.Identity.GetContactAsync(h.Workspace, a.Id)).Should().BeEquivalentTo(a, IdentityHarness.ByMembers);
        (await h.Chat.Identity.GetContactAsync(h.Workspace, b.Id)).Should().BeEquivalentTo(b, IdentityHarness.ByMembers);
        (await h.Chat.Identity.FindAsync(h.Workspace, ContactIdentifier.Email("maxime@example.com")))!.Id.Should().Be(b.Id);
        (await h.Chat.Identity.FindByConversationAsync(h.Workspace, two))!.Id.Should().Be(b.Id);
        await FluentActions.Awaiting(() => h.Chat.Identity.UndoMergeAsync(h.Workspace, merge.Sequence, "agent:bob", "again").AsTask())
            .Should().ThrowAsync<MergeRefusedException>();
    }

    [Fact]
    public async Task TheAuditTrail_ListsEveryChangeToAContact_InOrder_WithActors()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");
        var other = await h.StartOnAsync("webchat");
        var contact = (await h.IdentifyAsync(conversation, r => r with { Email = "nia@example.com", Name = "Nia" })).Contact!;
        var second = (await h.IdentifyAsync(other, r => r with { Email = "nia.work@example.com" })).Contact!;
        await h.Chat.Identity.MergeAsync(h.Workspace, contact.Id, second.Id, "agent:alice", "work address");

        var trail = await h.Chat.Identity.GetAuditTrailAsync(h.Workspace, contact.Id);

        trail.Select(e => e.GetType().Name).Should().Equal(
            nameof(ContactCreated), nameof(CrmRecordLinked), nameof(IdentifierLinked), nameof(ConversationAttached), nameof(FieldRecorded), nameof(ContactsMerged));
        trail.Select(e => e.Sequence).Should().BeInAscendingOrder();
        trail.Take(5).Should().OnlyContain(e => e.Actor == IdentityService.AutomaticActor);
        trail[^1].Actor.Should().Be("agent:alice");
        (await h.Chat.Identity.GetLogAsync(h.Workspace)).Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, (await h.Chat.Identity.GetLogAsync(h.Workspace)).Count).Select(i => (long)i));
    }
}
