using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>
/// I3, C7 (seeds 001 and 003, issue 13): a channel writer is filed as a lead at once (seed 003); when the same contact
/// later gives the e-mail or phone of a client the CRM already holds, the client is who they are. The contact moves to
/// the client's record, which gets what it lacks; the lead is never given the client's value (that would be the second
/// record with one e-mail seed 001 forbids), and both records' feeds say what happened so sales can fold the lead.
/// </summary>
public sealed class I3_C7_LeadThenExistingClientTests
{
    public static TheoryData<string, string> ClientValues() => new()
    {
        { "email", "LOU@example.fr" },
        { "phone", "06 12 34 56 78" },
    };

    [Theory]
    [MemberData(nameof(ClientValues))]
    public async Task AChannelLead_ThenAnExistingClientsValue_MovesTheContactToTheClient_AndNeverCopiesTheValueOntoTheLead(string kind, string value)
    {
        await using var h = IdentityHarness.French();
        var client = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft
        {
            Kind = CrmRecordKind.Person,
            Name = "Lou Martin",
            Email = "lou@example.fr",
            Phone = "+33612345678",
        });
        var conversation = await h.StartOnAsync("instagram");
        var first = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = "ig-lou", Name = "Lou" });
        var lead = first.Contact!.CrmRecord!.Value;

        var second = await h.IdentifyAsync(conversation, r => kind == "email" ? r with { Email = value } : r with { Phone = value });

        second.Outcome.Should().Be(IdentifyOutcome.FoundInCrm);
        second.Contact!.Id.Should().Be(first.Contact.Id);
        second.Contact.CrmRecord.Should().Be(client.Id);
        var leadNow = (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, lead))!;
        leadNow.Email.Should().BeNull("the client's value stays on the client alone");
        leadNow.Phone.Should().BeNull();
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "lou@example.fr")).Should().ContainSingle().Which.Id.Should().Be(client.Id);
        (await h.Chat.Crm.Gateway.FindByPhoneAsync(h.Workspace, "+33612345678")).Should().ContainSingle().Which.Id.Should().Be(client.Id);

        var onLead = await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead, CrmActivityType.SamePersonAsClient);
        onLead.Should().ContainSingle().Which.Text.Should().Contain("Lou Martin").And.Contain(client.Id.ToString());
        var onClient = await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, client.Id, CrmActivityType.SamePersonAsClient);
        onClient.Should().ContainSingle().Which.Text.Should().Contain(lead.ToString());
    }

    [Fact]
    public async Task AfterTheMove_TheNextConversationOnAnyChannel_LandsOnTheClient_AndTheContactIsFoundByItsHandle()
    {
        await using var h = IdentityHarness.French();
        var client = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Lou Martin", Email = "lou@example.fr" });
        var instagram = await h.StartOnAsync("instagram");
        await h.IdentifyAsync(instagram, r => r with { ChannelHandle = "ig-lou" });
        await h.IdentifyAsync(instagram, r => r with { Email = "lou@example.fr" });

        var again = await h.StartOnAsync("instagram");
        var result = await h.IdentifyAsync(again, r => r with { ChannelHandle = "ig-lou" });

        result.Contact!.CrmRecord.Should().Be(client.Id);
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "lou@example.fr")).Should().ContainSingle();
    }

    [Fact]
    public async Task AChannelLead_ThenAValueNoOtherRecordHolds_StillFillsTheLead()
    {
        await using var h = IdentityHarness.French();
        var conversation = await h.StartOnAsync("instagram");
        var first = await h.IdentifyAsync(conversation, r => r with { ChannelHandle = "ig-new" });

        var second = await h.IdentifyAsync(conversation, r => r with { Email = "new@example.fr" });

        second.Outcome.Should().Be(IdentifyOutcome.Matched);
        second.Contact!.CrmRecord.Should().Be(first.Contact!.CrmRecord);
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, first.Contact.CrmRecord!.Value))!.Email.Should().Be("new@example.fr");
        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, first.Contact.CrmRecord.Value, CrmActivityType.SamePersonAsClient)).Should().BeEmpty();
    }
}
