using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>
/// Issue 12, kinds 3 and 5, fault kind "order dependence" (features I2, I5, I6): the outcome of identification does not
/// depend on the order in which the same values arrive. A conversation attached on a self-asserted value moves, logged
/// and undoable, when its own later evidence contradicts the contact; a contradicted value is never copied.
/// </summary>
public sealed class I6_ArrivalOrderTests
{
    private const string Landline = "01 42 68 53 00";

    /// <summary>Claire's name, e-mail and the household landline Jean gave first, split into calls in every order.</summary>
    public static TheoryData<string> Orders() => new() { "name+email+phone", "phone|name|email", "phone|email|name", "name|phone|email", "name|email|phone", "email|phone|name", "email|name|phone", "phone|name+email", "name+email|phone" };

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task SharedPhone_AnyArrivalOrder_SameOutcomeAsOneCall(string order)
    {
        await using var h = IdentityHarness.French();
        var jean = (await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { ChannelHandle = "v-jean", Name = "Jean Dupont", Email = "jean.dupont@example.fr", Phone = Landline })).Contact!;
        var claire = await h.StartOnAsync("webchat");

        foreach (var call in order.Split('|'))
        {
            await h.IdentifyAsync(claire, r => r with
            {
                ChannelHandle = "v-claire",
                Name = call.Contains("name", StringComparison.Ordinal) ? "Claire Dupont" : null,
                Email = call.Contains("email", StringComparison.Ordinal) ? "claire.d@example.org" : null,
                Phone = call.Contains("phone", StringComparison.Ordinal) ? Landline : null,
            });
        }

        var contact = (await h.Chat.Identity.FindByConversationAsync(h.Workspace, claire))!;
        contact.Id.Should().NotBe(jean.Id);
        contact.Name.Should().Be("Claire Dupont");
        contact.Identifiers.Select(l => (l.Identifier.Kind, l.Identifier.Value, l.Identifier.Verification)).Should().BeEquivalentTo(new[]
        {
            (IdentifierKind.WebchatVisitor, "v-claire", VerificationLevel.ChannelAsserted),
            (IdentifierKind.Email, "claire.d@example.org", VerificationLevel.SelfAsserted),
        }, "the landline stays Jean's alone, and the handle is trusted as the channel gave it");
        contact.Conversations.Should().ContainSingle().Which.Verification.Should().Be(VerificationLevel.ChannelAsserted);
        (await h.Chat.Identity.GetContactAsync(h.Workspace, jean.Id)).Should().BeEquivalentTo(jean, IdentityHarness.ByMembers, "nothing of Claire's stays on Jean");
        (await h.Chat.Identity.GetVisitorHistoryAsync(h.Workspace, claire)).Should().Equal(claire);
        (await h.Chat.Identity.GetSuggestionsAsync(h.Workspace)).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Contact = contact.Id, Other = jean.Id, Reason = SuggestionReason.ContradictingEvidence });
    }

    [Fact]
    public async Task SharedPhone_PhoneFirst_TheMoveIsLogged_Replays_AndUndoesExactly()
    {
        await using var h = IdentityHarness.French();
        var jeanChat = await h.StartOnAsync("webchat");
        var jean = (await h.IdentifyAsync(jeanChat, r => r with { ChannelHandle = "v-jean", Name = "Jean Dupont", Email = "jean.dupont@example.fr", Phone = Landline })).Contact!;
        var claire = await h.StartOnAsync("webchat");
        var attached = (await h.IdentifyAsync(claire, r => r with { ChannelHandle = "v-claire", Phone = Landline })).Contact!;
        attached.Id.Should().Be(jean.Id, "a landline alone is no evidence against Jean yet");

        var moved = await h.IdentifyAsync(claire, r => r with { ChannelHandle = "v-claire", Name = "Claire Dupont", Email = "claire.d@example.org" });

        moved.Contact!.Id.Should().NotBe(jean.Id);
        moved.Suggestions.Should().ContainSingle().Which.Other.Should().Be(jean.Id);
        var log = await h.Chat.Identity.GetLogAsync(h.Workspace);
        var move = log.OfType<ConversationMoved>().Should().ContainSingle().Subject;
        move.Should().BeEquivalentTo(new { From = jean.Id, To = moved.Contact.Id, Actor = IdentityService.AutomaticActor });
        move.Conversation.ConversationId.Should().Be(claire);
        IdentityService.Replay(h.Workspace, log).Should().BeEquivalentTo(
            [await h.Chat.Identity.GetContactAsync(h.Workspace, jean.Id), await h.Chat.Identity.GetContactAsync(h.Workspace, moved.Contact.Id)],
            o => o.ComparingRecordsByMembers(), "the move replays on load");

        await h.Chat.Identity.UndoMoveAsync(h.Workspace, move.Sequence, "agent:alice", "they share one account");

        (await h.Chat.Identity.GetContactAsync(h.Workspace, jean.Id)).Should().BeEquivalentTo(attached, IdentityHarness.ByMembers, "Jean is exactly as before the move");
        (await h.Chat.Identity.GetContactAsync(h.Workspace, moved.Contact.Id)).Conversations.Should().BeEmpty();
        var again = await h.IdentifyAsync(claire, r => r with { ChannelHandle = "v-claire", Name = "Claire Dupont", Email = "claire.d@example.org" });
        again.Contact!.Id.Should().Be(jean.Id, "an agent's undo is final: chat tracking does not move it again");
        await FluentActions.Awaiting(async () => await h.Chat.Identity.UndoMoveAsync(h.Workspace, move.Sequence, "agent:alice", "twice"))
            .Should().ThrowAsync<MergeRefusedException>();
        await FluentActions.Awaiting(async () => await h.Chat.Identity.UndoMoveAsync(h.Workspace, 1, "agent:alice", "not a move"))
            .Should().ThrowAsync<MergeRefusedException>();
    }

    [Fact]
    public async Task LateName_WhatTheConversationBroughtLeavesWithIt_AndNothingOfTheFirstPersons()
    {
        await using var h = IdentityHarness.French();
        var jean = (await h.IdentifyAsync(await h.StartOnAsync("whatsapp"), r => r with { ChannelHandle = "33142685300", Name = "Jean Dupont", Phone = Landline })).Contact!;
        var claire = await h.StartOnAsync("webchat");
        await h.IdentifyAsync(claire, r => r with { Phone = Landline });
        var brought = await h.IdentifyAsync(claire, r => r with { Email = "claire.d@example.org" });
        brought.Contact!.Id.Should().Be(jean.Id, "Jean has no e-mail to contradict this one");

        var named = await h.IdentifyAsync(claire, r => r with { Name = "Claire" });

        named.Contact!.Id.Should().NotBe(jean.Id, "another first name on a typed landline is someone else");
        named.Contact.Identifiers.Select(l => l.Identifier.Value).Should().Equal("claire.d@example.org");
        named.Contact.Name.Should().Be("Claire");
        named.HistoryVisibleToVisitor.Should().BeFalse();
        var jeanNow = await h.Chat.Identity.GetContactAsync(h.Workspace, jean.Id);
        jeanNow.Should().BeEquivalentTo(jean, IdentityHarness.ByMembers, "the e-mail Claire's conversation brought left with it");
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "claire.d@example.org")).Should().Contain(r => r.Id == named.Contact.CrmRecord,
            "the new contact's lead has the e-mail the conversation brought");
    }

    [Fact]
    public async Task ContradictingEvidence_NeverCopiesTheOwnedValue_InEitherOrder()
    {
        foreach (var phoneFirst in new[] { false, true })
        {
            await using var h = IdentityHarness.French();
            var ana = (await h.IdentifyAsync(await h.StartOnAsync("whatsapp"), r => r with { ChannelHandle = "33611223344", Name = "Ana Souza", Phone = "+33 6 11 22 33 44" })).Contact!;
            var paulo = await h.StartOnAsync("instagram");
            var details = (IdentifyRequest r) => r with { ChannelHandle = "ig-4", Name = "Paulo Souza", Email = "paulo.souza@example.com" };
            var phone = (IdentifyRequest r) => r with { ChannelHandle = "ig-4", Phone = "06 11 22 33 44" };
            await h.IdentifyAsync(paulo, phoneFirst ? phone : details);
            await h.IdentifyAsync(paulo, phoneFirst ? details : phone);

            var contact = (await h.Chat.Identity.FindByConversationAsync(h.Workspace, paulo))!;
            contact.Id.Should().NotBe(ana.Id);
            contact.Find(ContactIdentifier.Phone("06 11 22 33 44", "FR")).Should().BeNull("a value another contact owns is never copied, even when contradicted");
            (await h.Chat.Identity.FindAsync(h.Workspace, ContactIdentifier.Phone("06 11 22 33 44", "FR")))!.Id.Should().Be(ana.Id);
            (await h.Chat.Identity.GetSuggestionsAsync(h.Workspace)).Should().ContainSingle(s => s.Contact == contact.Id && s.Other == ana.Id
                && s.Reason == SuggestionReason.ContradictingEvidence, $"phone first: {phoneFirst}");
            var walkIn = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Phone = "06 11 22 33 44" });
            walkIn.Outcome.Should().Be(IdentifyOutcome.Created, "a value shown to stand for two people proves neither alone");
        }
    }
}
