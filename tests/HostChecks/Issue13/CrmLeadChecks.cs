using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue13.Checks;

// Faults 1, 2 and 3 of the issue: lead owner, duplicate leads, "added from chat".
// Seed 001 (Zendesk Chat + Sell): "Ce lead est affecté à un représentant Sell ... Vous pouvez spécifier l'affectation du
// lead dans Sell (propriétaire ou groupe de distribution)"; "Créer un lead" only when no client matches and an e-mail is
// known; "la carte du lead indique que ce lead a été ajouté à partir de Chat".
public class CrmLeadOwnerChecks
{
    private static async Task<(TestHost host, AgentId chatting, AgentId owner, ConversationId conv)> ArrangeAsync(
        StoreKind store, Func<TestHost, AgentId, Task> configure)
    {
        var host = TestHost.Create(store: store);
        var chatting = await host.AgentAsync("alice");
        var owner = await host.AgentAsync("bob", status: AgentStatus.Offline);
        await configure(host, owner);
        var (conv, token) = await host.StartAsync();
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Bonjour, un devis ?");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, chatting);
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token,
            new ContactForm { Name = "Zoé Martin", Email = $"zoe.{Guid.NewGuid():N}@example.fr" });
        return (host, chatting, owner, conv.Id);
    }

    public static TheoryData<StoreKind> Stores => new() { StoreKind.InMemory, StoreKind.Sqlite };

    [Theory, MemberData(nameof(Stores))]
    public async Task Lead_created_from_conversation_goes_to_configured_lead_owner_not_chatting_agent(StoreKind store)
    {
        // The contact form alone would file a lead; to isolate CreateLeadAsync, tracking is off for the channel.
        var (host, chatting, owner, conv) = await ArrangeAsync(store, (h, o) =>
        {
            h.Chat.Identity.Configure(h.Ws, new IdentitySettings { LeadOwner = o }.WithTrackingOff());
            return Task.CompletedTask;
        });
        await using var _ = host;

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv, chatting);

        lead.Owner.Should().Be(owner, "the workspace's configured lead owner takes every lead the SDK creates");
    }

    [PostgresFact]
    public Task Lead_created_from_conversation_goes_to_configured_lead_owner_on_postgresql()
        => Lead_created_from_conversation_goes_to_configured_lead_owner_not_chatting_agent(StoreKind.PostgreSql);

    [Fact]
    public async Task Lead_created_from_conversation_goes_to_distribution_group_member()
    {
        var group = "sales-fr";
        AgentId[] members = [new("carol"), new("dave")];
        var (host, chatting, _, conv) = await ArrangeAsync(StoreKind.InMemory, async (h, _) =>
        {
            await h.Chat.Crm.Gateway.SetDistributionGroupAsync(h.Ws, group, members);
            h.Chat.Identity.Configure(h.Ws, new IdentitySettings { LeadDistributionGroup = group }.WithTrackingOff());
        });
        await using var _ = host;

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv, chatting);

        lead.Owner.Should().NotBeNull("the lead states who it is assigned to");
        members.Should().Contain(lead.Owner!.Value, "a distribution group was configured; the chatting agent is not in it");
    }

    [Fact]
    public async Task Without_configuration_the_chatting_agent_owns_the_lead()
    {
        // Fallback rule of the issue: configured owner or group, else the agent. (Expected to pass today.)
        var (host, chatting, _, conv) = await ArrangeAsync(StoreKind.InMemory, (h, _) =>
        {
            h.Chat.Identity.Configure(h.Ws, new IdentitySettings().WithTrackingOff());
            return Task.CompletedTask;
        });
        await using var _ = host;

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv, chatting);
        lead.Owner.Should().Be(chatting);
    }

    [Fact]
    public async Task Notify_sales_on_a_lead_created_from_chat_notifies_the_owner_not_the_note_writer()
    {
        var (host, chatting, owner, conv) = await ArrangeAsync(StoreKind.InMemory, (h, o) =>
        {
            h.Chat.Identity.Configure(h.Ws, new IdentitySettings { LeadOwner = o }.WithTrackingOff());
            return Task.CompletedTask;
        });
        await using var _ = host;

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv, chatting);
        var notification = await host.Chat.Crm.NotifyOwnerAsync(host.Ws, lead.Id, chatting, "Rappeler demain matin");

        notification.NotifiedAgentId.Should().Be(owner);
        notification.AgentId.Should().Be(chatting, "the note's author is the chatting agent");
    }

    [Fact]
    public async Task One_rule_for_every_lead_identity_matching_and_create_lead_give_the_same_owner()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var bob = await host.AgentAsync("bob", status: AgentStatus.Offline);
        host.Chat.Identity.Configure(host.Ws, new IdentitySettings { LeadOwner = bob });

        // Lead filed by identity matching (contact form).
        var (c1, t1) = await host.StartAsync();
        var r1 = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, c1.Id, t1, new ContactForm { Name = "Ana", Email = "ana@example.es" });
        var byIdentity = await host.Chat.Crm.Gateway.FindAsync(host.Ws, r1.Contact!.CrmRecord!.Value);

        // Lead created by the agent from a conversation whose visitor left only an e-mail address (for the transcript).
        // Adapted from the outside testers' check: "Create lead" is refused without a known e-mail (issue 13 fault 2,
        // NoEmailAddressException), so the visitor gives one here and the owner rule stays what this check tests.
        host.ConfigureEmail();
        var (c2, t2) = await host.StartAsync();
        await host.Chat.Visitors.PostAsync(host.Ws, c2.Id, t2, "Hola");
        await host.Chat.Visitors.SendTranscriptAsync(host.Ws, c2.Id, t2, "pablo@example.es");
        await host.Chat.Conversations.ClaimAsync(host.Ws, c2.Id, alice);
        await host.Chat.Details.UpdateAsync(host.Ws, c2.Id, alice, new ConversationDetailsUpdate { PersonName = "Pablo" });
        var byAgent = await host.Chat.Crm.CreateLeadAsync(host.Ws, c2.Id, alice);

        byIdentity!.Owner.Should().Be(bob);
        byAgent.Owner.Should().Be(bob);
    }

    [Fact]
    public async Task Deal_created_from_conversation_keeps_working_and_names_an_owner()
    {
        // Not asked for directly; a guard that the owner rule did not break deals.
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var (c, t) = await host.StartAsync();
        await host.Chat.Visitors.PostAsync(host.Ws, c.Id, t, "Quote please");
        await host.Chat.Conversations.ClaimAsync(host.Ws, c.Id, alice);
        await host.Chat.Details.UpdateAsync(host.Ws, c.Id, alice,
            new ConversationDetailsUpdate { DealValue = new Money(1200m, "EUR"), PersonName = "Tom" });
        var deal = await host.Chat.Crm.CreateDealAsync(host.Ws, c.Id, alice, "Website deal");
        deal.Owner.Should().NotBeNull();
    }
}

public class CrmDuplicateLeadChecks
{
    [Fact]
    public async Task Create_lead_for_a_client_already_in_the_crm_is_refused_and_makes_no_second_record()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var email = "marc.dubois@example.fr";
        var existing = await host.Chat.Crm.Gateway.CreateAsync(host.Ws,
            new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Marc Dubois", Email = email });

        var (conv, token) = await host.StartAsync();
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Bonjour");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        // The visitor types the address differently cased and padded.
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token,
            new ContactForm { Name = "Marc", Email = "  Marc.Dubois@EXAMPLE.fr " .Trim() });

        var act = async () => await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);

        var thrown = await act.Should().ThrowAsync<LiveChatException>("the client is already in the CRM");
        thrown.Which.Message.Should().Contain(existing.Id.Value, "the error names the existing record");
        (await host.Chat.Crm.Gateway.FindByEmailAsync(host.Ws, email)).Should().ContainSingle();
    }

    [Fact]
    public async Task Create_lead_twice_on_one_conversation_is_refused_the_second_time()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        host.Chat.Identity.Configure(host.Ws, new IdentitySettings().WithTrackingOff());
        var (conv, token) = await host.StartAsync();
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Hi");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        var email = $"p{Guid.NewGuid():N}@example.com";
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "Pat", Email = email });

        var first = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);
        var second = async () => await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);

        (await second.Should().ThrowAsync<LiveChatException>()).Which.Message.Should().Contain(first.Id.Value);
        var leads = await host.Chat.Crm.Gateway.FindByEmailAsync(host.Ws, email);
        leads.Should().ContainSingle();
        (await host.Chat.Conversations.GetAsync(host.Ws, conv.Id)).CreatedResults
            .Count(r => r.Kind == CreatedResultKind.Lead).Should().Be(1);
    }

    [Fact]
    public async Task Lead_matched_by_chat_tracking_is_not_duplicated_by_create_lead()
    {
        // Chat tracking filed the visitor under a lead already (contact form); "Create lead" must not add another.
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var (conv, token) = await host.StartAsync();
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        var email = $"q{Guid.NewGuid():N}@example.cz";
        var identified = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "Jana", Email = email });
        identified.Contact!.CrmRecord.Should().NotBeNull();

        var act = async () => await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);

        await act.Should().ThrowAsync<LiveChatException>();
        (await host.Chat.Crm.Gateway.FindByEmailAsync(host.Ws, email)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_refused_create_lead_changes_nothing()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var email = "olga@example.de";
        await host.Chat.Crm.Gateway.CreateAsync(host.Ws, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Olga", Email = email });
        var (conv, token) = await host.StartAsync();
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Email = email });
        var before = await host.Chat.Conversations.GetAsync(host.Ws, conv.Id);

        try { await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice); } catch (LiveChatException) { }

        var after = await host.Chat.Conversations.GetAsync(host.Ws, conv.Id);
        after.CreatedResults.Should().BeEquivalentTo(before.CreatedResults);
        (await host.Chat.Crm.Gateway.FindByEmailAsync(host.Ws, email)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_new_client_with_an_email_still_gets_a_lead()
    {
        // Control: the refusal must not block the normal case.
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        host.Chat.Identity.Configure(host.Ws, new IdentitySettings().WithTrackingOff());
        var (conv, token) = await host.StartAsync();
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        var email = $"n{Guid.NewGuid():N}@example.com";
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "Nia", Email = email });

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);

        lead.Kind.Should().Be(CrmRecordKind.Lead);
        (await host.Chat.Conversations.GetAsync(host.Ws, conv.Id)).CreatedResults.Should().Contain(r => r.ExternalId == lead.Id.Value);
    }

    [Fact]
    public async Task Lead_created_by_the_agent_carries_the_email_the_visitor_gave()
    {
        // Edge of fault 2: "Create lead" needs a known e-mail; the lead it makes must then carry it, also when chat
        // tracking is off for the channel (the address is known from the contact form all the same).
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        host.Chat.Identity.Configure(host.Ws, new IdentitySettings().WithTrackingOff());
        var (conv, token) = await host.StartAsync();
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        var email = $"m{Guid.NewGuid():N}@example.com";
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "Mia", Email = email });

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);

        lead.Email.Should().BeEquivalentTo(email);
        lead.Name.Should().Be("Mia");
    }
}

public class CrmLeadOriginChecks
{
    [Fact]
    public async Task Lead_created_from_chat_has_an_activity_feed_entry_naming_the_conversation()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        host.Chat.Identity.Configure(host.Ws, new IdentitySettings().WithTrackingOff());
        var (conv, token) = await host.StartAsync("webchat");
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Je voudrais un devis");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token,
            new ContactForm { Name = "Lou", Email = $"lou{Guid.NewGuid():N}@example.fr" });

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);
        var feed = await host.Chat.Crm.Gateway.ListActivitiesAsync(host.Ws, lead.Id);

        feed.Should().NotBeEmpty("seed 001: the lead card shows it was added from chat");
        var number = conv.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        feed.Should().Contain(a => (a.Text ?? "").Contains(number) || (a.TranscriptReference ?? "").Contains(conv.Id.ToString()),
            "the entry says which conversation the lead came from");
    }

    [Fact]
    public async Task Feed_entry_exists_also_for_a_lead_created_after_the_end()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        host.Chat.Identity.Configure(host.Ws, new IdentitySettings().WithTrackingOff());
        var (conv, token) = await host.StartAsync();
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Hello");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        await host.Chat.Details.UpdateAsync(host.Ws, conv.Id, alice, new ConversationDetailsUpdate { PersonName = "Ed" });
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Email = $"ed{Guid.NewGuid():N}@example.com" });
        await host.Chat.Conversations.EndAsync(host.Ws, conv.Id, alice);

        var lead = await host.Chat.Crm.CreateLeadAsync(host.Ws, conv.Id, alice);

        (await host.Chat.Crm.Gateway.ListActivitiesAsync(host.Ws, lead.Id)).Should().NotBeEmpty();
    }
}

internal static class IdentitySettingsExtensions
{
    /// <summary>Turns chat tracking off on the webchat channels, so that only the agent's "Create lead" files a lead.</summary>
    public static IdentitySettings WithTrackingOff(this IdentitySettings s)
    {
        var off = new ChannelTracking { CheckClientInCrm = false, EnableChatTracking = false };
        var channels = System.Collections.Immutable.ImmutableDictionary<string, ChannelTracking>.Empty;
        foreach (var ch in new[] { "webchat", "web", "website", "livechat" })
            channels = channels.SetItem(ch, off);
        return s with { Channels = channels };
    }
}
