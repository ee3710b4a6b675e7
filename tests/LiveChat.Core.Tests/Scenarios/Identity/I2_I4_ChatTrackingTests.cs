using System.Collections.Immutable;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>I2 and I4: chat tracking on by default with per-channel switches; a lead named after the client when nobody matches.</summary>
public sealed class I2_I4_ChatTrackingTests
{
    [Fact]
    public async Task NobodyMatches_ALeadNamedAfterTheClientIsCreated_AndOwnedInTurnByTheDistributionGroup()
    {
        await using var h = new LiveChatHarness();
        await h.Chat.Crm.Gateway.SetDistributionGroupAsync(h.Workspace, "sales", [new("alice"), new("bob")]);
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { LeadDistributionGroup = "sales" });

        var owners = new List<string?>();
        foreach (var name in new[] { "Ana", "Ben", "Cleo" })
        {
            var conversation = await h.StartOnAsync("telegram");
            var result = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = $"tg-{name}", Name = name });
            result.Outcome.Should().Be(IdentifyOutcome.Created);
            var lead = await h.Chat.Crm.Gateway.FindAsync(h.Workspace, result.Contact!.CrmRecord!.Value);
            lead!.Name.Should().Be(name);
            owners.Add(lead.Owner?.Value);
        }

        owners.Should().Equal("alice", "bob", "alice");
    }

    [Fact]
    public async Task ALeadOwner_TakesEveryNewLead()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { LeadOwner = new("carol") });
        var conversation = await h.StartOnAsync("facebook", "Dan");

        var result = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = "fb-1" });

        var lead = await h.Chat.Crm.Gateway.FindAsync(h.Workspace, result.Contact!.CrmRecord!.Value);
        lead!.Owner.Should().Be(new Agents.AgentId("carol"));
        lead.Name.Should().Be("Dan", "without a name given, the visitor's name from the conversation names the lead");
    }

    [Fact]
    public async Task ChatTracking_IsOnByDefault_AndAttachesEveryChannelsConversationsToOneContact()
    {
        await using var h = IdentityHarness.French();
        var telegram = await h.StartOnAsync("telegram");
        var facebook = await h.StartOnAsync("facebook");
        var whatsapp = await h.StartOnAsync("whatsapp");

        var a = await h.IdentifyAsync(telegram, r => r with { ChannelHandle = "tg-1", Email = "eva@example.com" });
        var b = await h.IdentifyAsync(facebook, r => r with { ChannelHandle = "fb-1", Email = "EVA@example.com" });
        var c = await h.IdentifyAsync(whatsapp, r => r with { ChannelHandle = "+33612345678" });

        b.Contact!.Id.Should().Be(a.Contact!.Id);
        c.Outcome.Should().Be(IdentifyOutcome.Created, "a WhatsApp handle is not a phone identifier");
        b.Contact.Conversations.Select(x => x.Channel).Should().Equal("telegram", "facebook");
    }

    [Fact]
    public async Task EnableChatTracking_Off_LeavesTheChannelsConversationsAlone()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings
        {
            Channels = ImmutableDictionary<string, ChannelTracking>.Empty.Add("instagram", new ChannelTracking { EnableChatTracking = false }),
        });
        var conversation = await h.StartOnAsync("instagram");

        var result = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = "ig-1", Name = "Fay" });

        result.Outcome.Should().Be(IdentifyOutcome.TrackingDisabled);
        result.Contact.Should().BeNull();
        (await h.Chat.Identity.GetContactsAsync(h.Workspace)).Should().BeEmpty();
    }

    [Fact]
    public async Task CheckClientInCrm_Off_CreatesANewLeadEvenWhenTheClientIsKnown()
    {
        await using var h = new LiveChatHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings
        {
            Channels = ImmutableDictionary<string, ChannelTracking>.Empty.Add("telegram", new ChannelTracking { CheckClientInCrm = false }),
        });
        var web = await h.StartOnAsync("webchat");
        var telegram = await h.StartOnAsync("telegram");
        var known = await h.IdentifyAsync(web, r => r with { Email = "gus@example.com" });

        var again = await h.IdentifyAsync(telegram, r => r with { Email = "gus@example.com" });

        again.Outcome.Should().Be(IdentifyOutcome.Created);
        again.Contact!.Id.Should().NotBe(known.Contact!.Id);
    }

    [Fact]
    public async Task AClientAlreadyInTheCrm_IsFiledUnderTheirRecord_WithoutANewLead()
    {
        await using var h = new LiveChatHarness();
        var person = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Hana", Email = "hana@example.com" });
        var conversation = await h.StartOnAsync("webchat");

        var result = await h.IdentifyAsync(conversation, r => r with { Email = "Hana@Example.com" });

        result.Outcome.Should().Be(IdentifyOutcome.FoundInCrm);
        result.Contact!.CrmRecord.Should().Be(person.Id);
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "hana@example.com")).Should().ContainSingle();
    }

    [Fact]
    public async Task IdentifyingTheSameConversationAgain_ChangesNothing()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");
        await h.IdentifyAsync(conversation, r => r with { Email = "ivy@example.com", Name = "Ivy" });
        var log = await h.Chat.Identity.GetLogAsync(h.Workspace);

        var again = await h.IdentifyAsync(conversation, r => r with { Email = "ivy@example.com", Name = "Ivy" });

        again.Outcome.Should().Be(IdentifyOutcome.Matched);
        (await h.Chat.Identity.GetLogAsync(h.Workspace)).Should().HaveCount(log.Count);
    }
}
