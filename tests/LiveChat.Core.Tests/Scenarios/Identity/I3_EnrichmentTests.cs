using System.Collections.Immutable;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>I3: missing fields are filled with their source and time; existing values are never overwritten silently.</summary>
public sealed class I3_EnrichmentTests
{
    [Fact]
    public async Task ARealNameGivenLater_NamesTheContactAndItsCrmLead_ButNeverReplacesARealName()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");
        var created = await h.IdentifyAsync(conversation, r => r with { Email = "zoe.bernard@example.fr" });
        var lead = created.Contact!.CrmRecord!.Value;
        var unnamed = (await h.Chat.Crm.ViewAsync(h.Workspace, lead)).Record.Name;

        var named = await h.IdentifyAsync(conversation, r => r with { Name = "Zoé Bernard" });
        var other = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Email = "zoe.bernard@example.fr", Name = "Zoe B." });

        unnamed.Should().Be("Visitor", "the widget's default name is what an unnamed lead is created with");
        named.Contact!.Name.Should().Be("Zoé Bernard");
        other.ProposedChanges.Should().ContainSingle(p => p.Name == "name");
        (await h.Chat.Crm.ViewAsync(h.Workspace, lead)).Record.Name.Should().Be("Zoé Bernard", "the lead is named with the contact, once");
    }

    [Fact]
    public async Task MissingFields_AreFilled_WithSourceAndTime_WhileDifferingValuesAreOnlyProposed()
    {
        await using var h = new LiveChatHarness();
        var first = await h.StartOnAsync("webchat");
        var second = await h.StartOnAsync("webchat");
        await h.IdentifyAsync(first, r => r with { Email = "jo@example.com", Name = "Jo" });
        h.Clock.Advance(TimeSpan.FromHours(2));

        var result = await h.IdentifyAsync(second, r => r with
        {
            Email = "jo@example.com",
            Name = "Joanna",
            Fields = ImmutableDictionary<string, string>.Empty.Add("company", "Acme SA"),
        });

        var contact = result.Contact!;
        contact.Name.Should().Be("Jo", "an existing value is never overwritten by chat tracking");
        result.ProposedChanges.Should().ContainSingle().Which.Should().Be(new ProposedFieldChange("name", "Jo", "Joanna"));
        var company = contact.Field("company")!;
        company.Value.Should().Be("Acme SA");
        company.Source.Should().Be($"conversation:{second}");
        company.RecordedAt.Should().Be(h.Clock.GetUtcNow());
        contact.Field("name")!.Source.Should().Be($"conversation:{first}");
    }

    [Fact]
    public async Task AnAgentCorrection_OverwritesOnPurpose_AndIsLoggedWithActorAndReason()
    {
        await using var h = new LiveChatHarness();
        var conversation = await h.StartOnAsync("webchat");
        var contact = (await h.IdentifyAsync(conversation, r => r with { Email = "kim@example.com", Name = "Kim" })).Contact!;

        var corrected = await h.Chat.Identity.CorrectFieldAsync(h.Workspace, contact.Id, "name", "Kim Lee", "agent:alice", "client spelled it out");

        corrected.Name.Should().Be("Kim Lee");
        corrected.Field("name")!.Source.Should().Be("agent:alice");
        var entry = (await h.Chat.Identity.GetAuditTrailAsync(h.Workspace, contact.Id)).OfType<FieldRecorded>().Last();
        entry.Previous!.Value.Should().Be("Kim");
        entry.Actor.Should().Be("agent:alice");
        entry.Reason.Should().Be("client spelled it out");
    }
}
