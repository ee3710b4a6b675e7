using LiveChat.Core.Agents;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Tests.Scenarios.Identity;
using LiveChat.Core.Tests.Scenarios.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Crm;

/// <summary>
/// I7, C7 (seed 001): one rule for every lead the SDK creates, whoever creates it: the workspace's lead owner or
/// distribution group, else the agent. The lead says who it is assigned to, and "notify sales" notifies that owner.
/// </summary>
public sealed class I7_C7_LeadOwnerTests
{
    private static readonly AgentId Carol = new("carol");

    [Fact]
    public async Task CreateLead_FromTheDetailsPanel_GoesToTheConfiguredOwner_WhomNotifySalesNotifies()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        await h.OnlineAgentAsync("carol");
        var started = await h.UntrackedWithEmailAsync(alice, "noor@example.com", new IdentitySettings { LeadOwner = Carol });

        var lead = await h.Chat.Crm.CreateLeadAsync(h.Workspace, started.Conversation.Id, alice);
        var notification = await h.Chat.Crm.NotifyOwnerAsync(h.Workspace, lead.Id, alice, "Wants 40 seats, call today");

        lead.Owner.Should().Be(Carol, "the lead states who it is assigned to: the workspace's lead owner, not the chatting agent");
        notification.NotifiedAgentId.Should().Be(Carol);
        notification.AgentId.Should().Be(alice);
    }

    [Fact]
    public async Task CreateLead_FromTheDetailsPanel_GoesToTheDistributionGroupInTurn()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        await h.Chat.Crm.Gateway.SetDistributionGroupAsync(h.Workspace, "sales", [new("bob"), Carol]);
        var started = await h.UntrackedWithEmailAsync(alice, "noor@example.com", new IdentitySettings { LeadDistributionGroup = "sales" });

        var lead = await h.Chat.Crm.CreateLeadAsync(h.Workspace, started.Conversation.Id, alice);

        lead.Owner.Should().Be(new AgentId("bob"));
    }

    [Fact]
    public async Task WithNothingConfigured_TheAgentOwnsTheLead_WhoeverCreatesIt()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);

        var result = await h.IdentifyAsync(conversation.Id, r => r with { Email = "olga@example.com", Name = "Olga" });

        var lead = await h.Chat.Crm.Gateway.FindAsync(h.Workspace, result.Contact!.CrmRecord!.Value);
        lead!.Owner.Should().Be(alice, "chat tracking files a new client during alice's chat, and nobody else is configured");
    }

    [Fact]
    public async Task APlaybooksLead_GoesToTheConfiguredOwner_Too()
    {
        await using var h = new PlaybookHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { LeadOwner = Carol });
        await h.PublishAsync(CrmScenario.LeadAndDealPlaybook());

        var visitor = await h.StartAsync();

        var records = await Task.WhenAll((await h.RunAsync(visitor)).CrmRecords.Select(id => h.Chat.Crm.Gateway.FindAsync(h.Workspace, id).AsTask()));
        records.Select(r => (r!.Kind, r.Owner)).Should().Equal((CrmRecordKind.Lead, Carol), (CrmRecordKind.Deal, Carol));
    }
}
