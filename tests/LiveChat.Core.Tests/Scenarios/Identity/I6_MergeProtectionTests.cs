using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>I6: blocked and role values never merge anyone; a value links at most N contacts; conflicts become suggestions.</summary>
public sealed class I6_MergeProtectionTests
{
    [Fact]
    public async Task ASharedInfoAddress_NeverMergesTwoPeople()
    {
        await using var h = new LiveChatHarness();
        var olga = await h.StartOnAsync("telegram");
        var piotr = await h.StartOnAsync("facebook");

        var a = await h.IdentifyAsync(olga, r => r with { ChannelHandle = "tg-olga", Email = "info@bakery.example", Name = "Olga" });
        var b = await h.IdentifyAsync(piotr, r => r with { ChannelHandle = "fb-piotr", Email = "INFO@bakery.example", Name = "Piotr" });

        b.Contact!.Id.Should().NotBe(a.Contact!.Id);
        b.Outcome.Should().Be(IdentifyOutcome.Created);
        a.Contact.Find(ContactIdentifier.Email("info@bakery.example"))!.Blocked.Should().BeTrue("it is kept on the contact, but never matched");
        (await h.Chat.Identity.FindAsync(h.Workspace, ContactIdentifier.Email("info@bakery.example"))).Should().BeNull();
        (await h.Chat.Identity.GetSuggestionsAsync(h.Workspace)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("noreply@shop.example")]
    [InlineData("test@shop.example")]
    [InlineData("null")]
    public async Task RoleAndPlaceholderValues_NeverMatch(string value)
    {
        await using var h = new LiveChatHarness();
        var first = await h.StartOnAsync("webchat");
        var second = await h.StartOnAsync("webchat");
        Func<IdentifyRequest, IdentifyRequest> with = value.Contains('@', StringComparison.Ordinal)
            ? r => r with { Email = value }
            : r => r with { ExternalUserId = value };

        var a = await h.IdentifyAsync(first, with);
        var b = await h.IdentifyAsync(second, with);

        b.Contact!.Id.Should().NotBe(a.Contact!.Id);
    }

    [Fact]
    public async Task APlaceholderPhone_OfZeros_NeverMatches()
    {
        await using var h = IdentityHarness.French();
        var first = await h.StartOnAsync("webchat");
        var second = await h.StartOnAsync("webchat");

        var a = await h.IdentifyAsync(first, r => r with { Phone = "+33 1 00 00 00 00" });
        var b = await h.IdentifyAsync(second, r => r with { Phone = "01 00 00 00 00" });

        b.Contact!.Id.Should().NotBe(a.Contact!.Id);
    }

    [Fact]
    public async Task ConflictingVerifiedIds_BecomeASuggestion_NotAMerge()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { HostSecret = "k" });
        var first = await h.StartOnAsync("webchat");
        var second = await h.StartOnAsync("webchat");
        var a = await h.IdentifyAsync(first, r => r with { ExternalUserId = "u1", ExternalUserSignature = HostVerification.Sign("k", "u1"), Email = "family@example.com" });

        var b = await h.IdentifyAsync(second, r => r with { ExternalUserId = "u2", ExternalUserSignature = HostVerification.Sign("k", "u2"), Email = "family@example.com" });

        b.Contact!.Id.Should().NotBe(a.Contact!.Id);
        var suggestion = b.Suggestions.Should().ContainSingle().Subject;
        suggestion.Should().BeEquivalentTo(new { Contact = b.Contact.Id, Other = a.Contact.Id, Reason = SuggestionReason.ConflictingVerifiedIds });
        (await h.Chat.Identity.GetSuggestionsAsync(h.Workspace)).Should().ContainSingle();
        await FluentActions.Awaiting(() => h.Chat.Identity.MergeAsync(h.Workspace, a.Contact.Id, b.Contact.Id, "agent:alice", "looks same").AsTask())
            .Should().ThrowAsync<MergeRefusedException>();
    }

    [Fact]
    public async Task ASelfAssertedEmail_OwnedWithStrongerVerification_IsASuggestion_AndRevealsNoHistory()
    {
        await using var h = new LiveChatHarness();
        var owner = await h.StartOnAsync("webchat");
        var impostor = await h.StartOnAsync("webchat");
        var real = await h.IdentifyAsync(owner, r => r with { Email = "ceo@corp.example", ContactDetailsVerification = VerificationLevel.ChannelAsserted, Name = "Real CEO" });

        var typed = await h.IdentifyAsync(impostor, r => r with { Email = "ceo@corp.example" });

        typed.Contact!.Id.Should().NotBe(real.Contact!.Id);
        typed.Contact.CrmRecord.Should().NotBe(real.Contact.CrmRecord, "the CRM lookup must not bypass the conflict");
        typed.Suggestions.Should().ContainSingle().Which.Reason.Should().Be(SuggestionReason.StrongerOwner);
        typed.HistoryVisibleToVisitor.Should().BeFalse();
        (await h.Chat.Identity.GetVisitorHistoryAsync(h.Workspace, impostor)).Should().Equal(impostor);
    }

    [Fact]
    public async Task ASelfAssertedMatch_AttachesTheConversation_ButShowsTheVisitorOnlyTheirOwn()
    {
        await using var h = new LiveChatHarness();
        var telegram = await h.StartOnAsync("telegram");
        var website = await h.StartOnAsync("webchat");
        await h.IdentifyAsync(telegram, r => r with { ChannelHandle = "tg-77", Email = "quinn@example.com" });

        var typed = await h.IdentifyAsync(website, r => r with { Email = "quinn@example.com" });
        var telegramAgain = await h.StartOnAsync("telegram");
        var proven = await h.IdentifyAsync(telegramAgain, r => r with { ChannelHandle = "tg-77" });

        typed.Contact!.Conversations.Should().HaveCount(2);
        typed.HistoryVisibleToVisitor.Should().BeFalse();
        (await h.Chat.Identity.GetVisitorHistoryAsync(h.Workspace, website)).Should().Equal(website);
        proven.HistoryVisibleToVisitor.Should().BeTrue();
        (await h.Chat.Identity.GetVisitorHistoryAsync(h.Workspace, telegramAgain)).Should().Equal(telegram, telegramAgain);
    }

    [Fact]
    public async Task ContradictedValue_StaysWithItsOneOwner_AndAloneMatchesNobody()
    {
        await using var h = new LiveChatHarness();
        var ids = new List<ContactId>();
        var typed = new List<IdentifyResult>();
        for (var i = 0; i < 4; i++)
        {
            var conversation = await h.StartOnAsync("telegram");

            // Each person proves who they are by handle; all of them also type the same switchboard address.
            var first = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = $"tg-{i}" });
            typed.Add(await h.IdentifyAsync(conversation, r => r with { ChannelHandle = $"tg-{i}", Email = "desk@hotel.example" }));
            ids.Add(first.Contact!.Id);
        }

        ids.Should().OnlyHaveUniqueItems();
        typed.Count(r => r.Contact!.Find(ContactIdentifier.Email("desk@hotel.example")) is not null).Should().Be(1, "a value one contact owns is never shared");
        typed.Skip(1).Should().OnlyContain(r => r.Ignored.Single().Value == "desk@hotel.example");
        typed[1].Suggestions.Should().ContainSingle(s => s.Reason == SuggestionReason.ContradictingEvidence && s.Other == ids[0],
            "the first contradiction is reported; from then on the address alone proves nobody");
        var walkIn = await h.StartOnAsync("webchat");
        var result = await h.IdentifyAsync(walkIn, r => r with { Email = "desk@hotel.example" });
        result.Outcome.Should().Be(IdentifyOutcome.Created, "a value shown to stand for several people proves nothing alone");
    }
}
