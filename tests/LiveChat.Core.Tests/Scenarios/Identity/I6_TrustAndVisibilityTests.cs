using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>
/// Issue 12, kinds 1, 2 and 5 (feature I6): a typed value never lends trust to what is linked beside it, the contact form
/// hands a visitor nothing they did not prove, and shared or recycled phones attach nobody against contradicting evidence.
/// </summary>
public sealed class I6_TrustAndVisibilityTests
{
    [Fact]
    public async Task TrustLaundering_AHandleLinkedOnATypedEmail_NeverRevealsHistoryLater()
    {
        await using var h = new LiveChatHarness();
        var a = await h.StartOnAsync("webchat");
        var marie = await h.IdentifyAsync(a, r => r with { ChannelHandle = "v-1", Name = "Marie", Email = "marie@example.fr" });

        var b = await h.StartOnAsync("webchat");
        var typed = await h.IdentifyAsync(b, r => r with { ChannelHandle = "v-2", Email = "marie@example.fr" });
        var c = await h.StartOnAsync("webchat");
        var laundered = await h.IdentifyAsync(c, r => r with { ChannelHandle = "v-2" });

        typed.HistoryVisibleToVisitor.Should().BeFalse();
        typed.Contact!.Find(ContactIdentifier.Handle(IdentifierKind.WebchatVisitor, "v-2"))!.Identifier.Verification
            .Should().Be(VerificationLevel.SelfAsserted, "v-2 was linked on a typed e-mail, and is trusted no more than that");
        laundered.Contact!.Id.Should().NotBe(marie.Contact!.Id, "a handle linked on a typed value is no proof of anyone on its own");
        (await h.Chat.Identity.GetVisitorHistoryAsync(h.Workspace, c)).Should().Equal(c);

        var back = await h.StartOnAsync("webchat");
        var owner = await h.IdentifyAsync(back, r => r with { ChannelHandle = "v-1" });
        owner.HistoryVisibleToVisitor.Should().BeTrue("v-1 was given by the channel to the person who created the contact");
        (await h.Chat.Identity.GetVisitorHistoryAsync(h.Workspace, back)).Should().Equal(a, back);
    }

    [Fact]
    public async Task ContactForm_WithSomeoneElsesEmail_ReturnsNothingOfTheirs()
    {
        await using var h = IdentityHarness.French();
        var victim = await h.StartOnAsync("whatsapp");
        await h.IdentifyAsync(victim, r => r with { ChannelHandle = "wa-1", Name = "Marie Curie", Phone = "06 12 34 56 78", Email = "marie@example.fr" });
        var impostor = await h.StartAsync();

        var result = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, impostor.Conversation.Id, impostor.VisitorToken,
            new ContactForm { Name = "Eve", Email = "marie@example.fr" });

        result.HistoryVisibleToVisitor.Should().BeFalse();
        var seen = result.Contact!;
        seen.Conversations.Select(c => c.ConversationId).Should().Equal(impostor.Conversation.Id);
        seen.Identifiers.Should().NotContain(l => l.Identifier.Kind == IdentifierKind.Phone || l.Identifier.Kind == IdentifierKind.WhatsApp);
        seen.Fields.Should().NotContain(f => f.Value.Contains("Marie", StringComparison.Ordinal));
        seen.CrmRecord.Should().BeNull();
        result.ProposedChanges.Should().BeEmpty("a proposed change would show the victim's current name");
        result.Suggestions.Should().BeEmpty();
    }

    [Fact]
    public async Task SharedPhone_TwoPeopleWithDifferentNamesAndEmails_BecomeASuggestion_InEitherOrder()
    {
        foreach (var swap in new[] { false, true })
        {
            await using var h = IdentityHarness.French();
            (string Name, string Email)[] people = [("Alice Martin", "alice@example.fr"), ("Bruno Martin", "bruno@example.fr")];
            if (swap)
            {
                Array.Reverse(people);
            }

            var results = new List<IdentifyResult>();
            foreach (var (name, email) in people)
            {
                var conversation = await h.StartOnAsync("webchat");
                results.Add(await h.IdentifyAsync(conversation, r => r with { Name = name, Email = email, Phone = "01 23 45 67 89" }));
            }

            results[1].Contact!.Id.Should().NotBe(results[0].Contact!.Id, "the household landline is not enough against another first name");
            results[1].Suggestions.Should().ContainSingle().Which.Reason.Should().Be(SuggestionReason.ContradictingEvidence);
            var walkIn = await h.StartOnAsync("webchat");
            var alone = await h.IdentifyAsync(walkIn, r => r with { Phone = "+33 1 23 45 67 89" });
            alone.Outcome.Should().Be(IdentifyOutcome.Created, "a value two people share proves nobody");
        }
    }

    [Fact]
    public async Task RecycledNumber_AfterTheDormancyPeriod_NeverShowsTheOldOwnersHistory()
    {
        await using var h = IdentityHarness.French();
        var old = await h.StartOnAsync("whatsapp");
        var olga = await h.IdentifyAsync(old, r => r with { ChannelHandle = "+33611111111", Name = "Olga", Phone = "06 11 11 11 12" });
        h.Clock.Advance(TimeSpan.FromDays(200));

        var silent = await h.StartOnAsync("whatsapp");
        var handleOnly = await h.IdentifyAsync(silent, r => r with { ChannelHandle = "+33611111111" });
        var named = await h.StartOnAsync("whatsapp");
        var nina = await h.IdentifyAsync(named, r => r with { ChannelHandle = "+33611111111", Name = "Nina" });

        handleOnly.HistoryVisibleToVisitor.Should().BeFalse("a handle unused for 200 days proves nothing on its own");
        (await h.Chat.Identity.GetVisitorHistoryAsync(h.Workspace, silent)).Should().Equal(silent);
        nina.Contact!.Id.Should().NotBe(olga.Contact!.Id, "another first name on a dormant number is someone else");
        nina.Suggestions.Should().Contain(s => s.Reason == SuggestionReason.ContradictingEvidence && s.Other == olga.Contact.Id);
        nina.HistoryVisibleToVisitor.Should().BeFalse("a handle that stands for someone else too proves nobody, even on a new contact");

        await using var fresh = IdentityHarness.French();
        var first = await fresh.StartOnAsync("whatsapp");
        await fresh.IdentifyAsync(first, r => r with { ChannelHandle = "+33622222222", Name = "Olga" });
        fresh.Clock.Advance(TimeSpan.FromDays(30));
        var again = await fresh.StartOnAsync("whatsapp");
        (await fresh.IdentifyAsync(again, r => r with { ChannelHandle = "+33622222222" })).HistoryVisibleToVisitor.Should().BeTrue("within the dormancy period the handle still proves who this is");
    }
}
