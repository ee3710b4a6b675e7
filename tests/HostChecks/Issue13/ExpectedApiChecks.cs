// Checks written against API the fix is expected to add. Excluded from the build unless -p:IncludeExpectedApi=true.
// Each block states the assumed shape; adapt names to what the fix really added. The behaviour each one pins is also
// pinned, API-agnostically, by a check in the main files where that was possible (noted per block).
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using Xunit;

namespace LiveChat.Issue13.Checks;

public class ExpectedApiChecks
{
    // Fault 2. Assumed: CrmService.CanCreateLeadAsync(workspace, conversationId, ct) returning a decision with
    //   bool CanCreate, a reason enum LeadCreationRefusal { None, RecordExists, NoEmail } (name assumed) and
    //   CrmRecordId? ExistingRecord; and a typed DuplicateLeadException : LiveChatException { CrmRecordId ExistingRecordId }.
    [Fact]
    public async Task Decision_whether_a_lead_can_be_created_and_why_not()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var existing = await host.Chat.Crm.Gateway.CreateAsync(host.Ws,
            new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Known", Email = "known@example.fr" });

        var (anon, _) = await host.StartAsync();
        await host.Chat.Conversations.ClaimAsync(host.Ws, anon.Id, alice);
        var noEmail = await host.Chat.Crm.CanCreateLeadAsync(host.Ws, anon.Id);
        noEmail.CanCreate.Should().BeFalse("seed 001: no e-mail known, no \"Create lead\" button");
        noEmail.Reason.Should().Be(LeadCreationRefusal.NoEmail);

        var (known, token) = await host.StartAsync();
        await host.Chat.Conversations.ClaimAsync(host.Ws, known.Id, alice);
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, known.Id, token, new ContactForm { Email = "KNOWN@example.fr" });
        var exists = await host.Chat.Crm.CanCreateLeadAsync(host.Ws, known.Id);
        exists.CanCreate.Should().BeFalse();
        exists.Reason.Should().Be(LeadCreationRefusal.RecordExists);
        exists.ExistingRecord.Should().Be(existing.Id);

        var act = async () => await host.Chat.Crm.CreateLeadAsync(host.Ws, known.Id, alice);
        (await act.Should().ThrowAsync<DuplicateLeadException>()).Which.ExistingRecordId.Should().Be(existing.Id);
    }

    // Fault 3. Assumed: CrmRecord.Source, a CrmRecordSource { string Channel; long ConversationNumber;
    //   ConversationId ConversationId }, set on every lead the SDK creates from a conversation.
    [Fact]
    public async Task Lead_states_its_source_channel_and_conversation_number()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var (conv, token) = await host.StartAsync("webchat-fr");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        var r = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "S", Email = "s@example.fr" });
        var lead = await host.Chat.Crm.Gateway.FindAsync(host.Ws, r.Contact!.CrmRecord!.Value);

        lead!.Source.Should().NotBeNull();
        lead.Source!.Channel.Should().Be("webchat-fr");
        lead.Source.ConversationNumber.Should().Be(conv.Number);
        lead.Source.ConversationId.Should().Be(conv.Id);
    }

    // Fault 7. Assumed: EmailSettings.TimeZone (IANA id string), EmailSettings.ChannelTimeZones
    //   (ImmutableDictionary<string,string>), CrmActivity.EndedAt. The main files pin the same via reflection.
    [Fact]
    public async Task Typed_time_zone_settings_and_chat_end_time()
    {
        var (host, conv, token, _) = await DstChat.RunAsync("fr", h => h.Chat.Email.Configure(h.Ws,
            h.Chat.Email.GetSettings(h.Ws) with
            {
                TimeZone = "America/New_York",
                ChannelTimeZones = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("webchat", "Europe/Paris"),
            }));
        await using var _h = host;
        var mail = (await host.Chat.Visitors.SendTranscriptAsync(host.Ws, conv, token, "v@example.org")).Message;
        mail.TextBody.Should().Contain("00:55").And.Contain("03:05");

        var activity = new CrmActivity { EndedAt = DstChat.Start };
        activity.EndedAt.Should().Be(DstChat.Start);
    }

    // Fault 9. Assumed: the strict rotation is RoutingStrategy.StrictRoundRobin (the main file finds it by name).
    [Fact]
    public void Strict_rotation_named_strategy()
    {
        RoutingStrategy.StrictRoundRobin.Should().NotBeSameAs(RoutingStrategy.RoundRobin);
        new RoutingOptions().Strategy.Should().BeSameAs(RoutingStrategy.RoundRobin, "the balanced one stays the default");
    }
}
