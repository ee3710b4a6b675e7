using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>Seed 003 (Bitrix24 chat tracking): one CRM record per customer across Instagram and the website chat.</summary>
public sealed class Seed003_ChatTrackingTests
{
    [Fact]
    public async Task InstagramThenWebsite_WithTheSamePhoneInAnotherFormat_EndsAsOneContactWithEveryConversation()
    {
        await using var h = IdentityHarness.French();

        // 1. A client writes on Instagram: a lead is created with their name.
        var instagram = await h.StartOnAsync("instagram", "marie_d");
        var first = await h.IdentifyAsync(instagram, r => r with { ChannelHandle = "ig-4711", Name = "Marie Dupont" });
        first.Outcome.Should().Be(IdentifyOutcome.Created);
        var leadId = first.Contact!.CrmRecord!.Value;
        var lead = await h.Chat.Crm.Gateway.FindAsync(h.Workspace, leadId);
        lead!.Kind.Should().Be(CrmRecordKind.Lead);
        lead.Name.Should().Be("Marie Dupont");

        // 2. Writing on Instagram again, they give their phone number: it is added to the lead.
        h.Clock.Advance(TimeSpan.FromDays(1));
        var instagramAgain = await h.StartOnAsync("instagram", "marie_d");
        var second = await h.IdentifyAsync(instagramAgain, r => r with { ChannelHandle = "ig-4711", Phone = "06 12 34 56 78" });
        second.Outcome.Should().Be(IdentifyOutcome.Matched);
        second.Contact!.Id.Should().Be(first.Contact.Id);
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, leadId))!.Phone.Should().Be("+33612345678");

        // 3. Later, on the website chat, the same phone in another format plus an e-mail for a quote.
        h.Clock.Advance(TimeSpan.FromDays(3));
        var website = await h.StartOnAsync("webchat");
        var third = await h.IdentifyAsync(website, r => r with { Phone = "+33 6 12 34 56 78", Email = " Marie.Dupont@Example.fr " });

        third.Outcome.Should().Be(IdentifyOutcome.Matched);
        var contact = third.Contact!;
        contact.Id.Should().Be(first.Contact.Id);
        contact.Name.Should().Be("Marie Dupont");
        contact.Conversations.Select(c => c.ConversationId).Should().Equal(instagram, instagramAgain, website);
        contact.Identifiers.Select(l => (l.Identifier.Kind, l.Identifier.Value)).Should().BeEquivalentTo(new[]
        {
            (IdentifierKind.Instagram, "ig-4711"),
            (IdentifierKind.Phone, "+33612345678"),
            (IdentifierKind.Email, "marie.dupont@example.fr"),
        });
        contact.Find(ContactIdentifier.Email("marie.dupont@example.fr"))!.Identifier.Raw.Should().Be(" Marie.Dupont@Example.fr ");

        (await h.Chat.Identity.GetContactsAsync(h.Workspace)).Should().ContainSingle("no duplicate was created");
        var updatedLead = await h.Chat.Crm.Gateway.FindAsync(h.Workspace, leadId);
        updatedLead!.Email.Should().Be("Marie.Dupont@example.fr", "the address is sent in its canonical form: the local part as typed, the domain lower-case");
        (await h.Chat.Crm.Gateway.FindByPhoneAsync(h.Workspace, "+33612345678")).Should().ContainSingle().Which.Id.Should().Be(leadId);
    }
}
