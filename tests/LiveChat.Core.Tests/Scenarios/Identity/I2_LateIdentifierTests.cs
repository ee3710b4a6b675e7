using System.Collections.Immutable;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>
/// Issue 12, kinds 3 and 10 (features I2, I3, I5): an identifier given late still finds the person, matching never turns
/// an owned value into a shared one, and an unset name is filled, not proposed.
/// </summary>
public sealed class I2_LateIdentifierTests
{
    [Fact]
    public async Task LateIdentifier_AHandleOnlyContact_GivesWayToTheExactPhoneMatch_AndTheMoveUndoesExactly()
    {
        await using var h = IdentityHarness.French();
        var whatsapp = await h.StartOnAsync("whatsapp");
        var k1 = (await h.IdentifyAsync(whatsapp, r => r with { ChannelHandle = "wa-1", Name = "Marie Dupont", Phone = "06 12 34 56 78" })).Contact!;
        var instagram = await h.StartOnAsync("instagram");
        var k2 = (await h.IdentifyAsync(instagram, r => r with { ChannelHandle = "ig-1", Name = "Marie Dupont" })).Contact!;
        var before = await h.Chat.Identity.GetContactAsync(h.Workspace, k1.Id);

        var late = await h.IdentifyAsync(instagram, r => r with { ChannelHandle = "ig-1", Phone = "+33 6 12 34 56 78" });
        var website = await h.StartOnAsync("webchat");
        var third = await h.IdentifyAsync(website, r => r with { Phone = "0612345678" });

        late.Contact!.Id.Should().Be(k1.Id, "the contact that knew only a handle and a name gave way");
        late.HistoryVisibleToVisitor.Should().BeFalse("the move rests on a typed phone");
        third.Contact!.Id.Should().Be(k1.Id, "the phone was never copied, so it still names one contact");
        (await h.Chat.Identity.FindAsync(h.Workspace, ContactIdentifier.Phone("06 12 34 56 78", "FR")))!.Id.Should().Be(k1.Id);
        var move = (await h.Chat.Identity.GetLogAsync(h.Workspace)).OfType<ContactsMerged>().Should().ContainSingle().Subject;
        move.Should().BeEquivalentTo(new { Survivor = k1.Id, Absorbed = k2.Id, Actor = IdentityService.AutomaticActor });

        await h.Chat.Identity.UndoMergeAsync(h.Workspace, move.Sequence, "agent:alice", "check the move");
        (await h.Chat.Identity.GetContactAsync(h.Workspace, k2.Id)).Should().BeEquivalentTo(k2, IdentityHarness.ByMembers);
        var restored = await h.Chat.Identity.GetContactAsync(h.Workspace, k1.Id);
        restored.Conversations.Select(c => c.ConversationId).Should().Equal(whatsapp, website);
        restored.Identifiers.Should().BeEquivalentTo(before.Identifiers, o => o.ComparingRecordsByMembers());
    }

    [Fact]
    public async Task LateIdentifier_OrderOfArrival_DoesNotChangeTheOutcome_WhenAnotherHandleWasLinkedOnATypedMatch()
    {
        await using var h = IdentityHarness.French();
        var ana = (await h.IdentifyAsync(await h.StartOnAsync("whatsapp"), r => r with { ChannelHandle = "wa-5", Name = "Ana Souza", Phone = "+33 6 11 22 33 44" })).Contact!;
        var phoneFirst = await h.StartOnAsync("instagram");
        await h.IdentifyAsync(phoneFirst, r => r with { ChannelHandle = "ig-5a", Phone = "06 11 22 33 44" });
        await h.IdentifyAsync(phoneFirst, r => r with { ChannelHandle = "ig-5a", Name = "Ana Souza" });
        var nameFirst = await h.StartOnAsync("instagram");
        await h.IdentifyAsync(nameFirst, r => r with { ChannelHandle = "ig-5b", Name = "Ana Souza" });

        var late = await h.IdentifyAsync(nameFirst, r => r with { ChannelHandle = "ig-5b", Phone = "06 11 22 33 44" });

        (await h.Chat.Identity.FindByConversationAsync(h.Workspace, phoneFirst))!.Id.Should().Be(ana.Id);
        late.Contact!.Id.Should().Be(ana.Id, "ig-5a was linked on a typed phone, so it proves nothing against ig-5b");
    }

    [Fact]
    public async Task LateIdentifier_AnOwnedValue_IsNeverCopiedOntoAContactWithItsOwnPersonalValue()
    {
        await using var h = IdentityHarness.French();
        var first = await h.StartOnAsync("webchat");
        var k1 = (await h.IdentifyAsync(first, r => r with { Phone = "06 00 11 22 33" })).Contact!;
        var second = await h.StartOnAsync("webchat");
        var k2 = (await h.IdentifyAsync(second, r => r with { Email = "bo@example.com" })).Contact!;

        var result = await h.IdentifyAsync(second, r => r with { Email = "bo@example.com", Phone = "06 00 11 22 33" });

        result.Contact!.Id.Should().Be(k2.Id);
        result.Contact.Find(ContactIdentifier.Phone("06 00 11 22 33", "FR")).Should().BeNull();
        result.Suggestions.Should().ContainSingle().Which.Other.Should().Be(k1.Id);
        (await h.Chat.Identity.FindAsync(h.Workspace, ContactIdentifier.Phone("06 00 11 22 33", "FR")))!.Id.Should().Be(k1.Id);
    }

    [Fact]
    public async Task Names_AContactCreatedWithoutAName_IsNamedLater_NotProposedAChange()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");
        var unnamed = await h.IdentifyAsync(conversation, r => r with { Email = "sam@example.com" });
        unnamed.Contact!.Name.Should().BeEmpty("the widget's default visitor name is nobody's name");

        var named = await h.IdentifyAsync(conversation, r => r with { Name = "Sam Lee" });

        named.ProposedChanges.Should().BeEmpty();
        named.Contact!.Name.Should().Be("Sam Lee");
        var placeholder = await h.IdentifyAsync(conversation, r => r with { Name = "n/a", Fields = ImmutableDictionary<string, string>.Empty.Add("company", "Lee & Co") });
        placeholder.IgnoredValues.Should().ContainSingle().Which.Should().Be(new IgnoredValue("name", "n/a", "a placeholder, not a value"));
        placeholder.Contact!.Name.Should().Be("Sam Lee");
    }
}
