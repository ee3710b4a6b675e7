using FluentAssertions;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using Xunit;

namespace LiveChat.Issue13b.Checks;

// Seeds 001 and 003, issue 13 faults 2 and 4: a client first known by a channel handle (filed as a lead at once, seed 003)
// who later gives the e-mail or phone of a client the CRM already holds. The conversation lands on the client, the
// client gets what it lacks, the lead never gets the client's value, no second record with the value, the feed says so.
public class HandleFirstChecks
{
    public static TheoryData<string, string, string, bool> ChannelValue => new()
    {
        // channel, value kind, the value as the visitor typed it (case/format differs from the CRM), same conversation?
        { "instagram", "email", "Paul.Martin@Example.FR", true },
        { "instagram", "phone", "06 12 34 56 78", false },
        { "telegram", "email", "  PAUL.MARTIN@EXAMPLE.FR ", false },
        { "telegram", "phone", "0033 6 12 34 56 78", true },
        { "webchat", "email", "paul.martin@EXAMPLE.fr", true },
        { "webchat", "phone", "+33 6.12.34.56.78", false },
        { "facebook", "email", "Paul.Martin@example.fr", false },
        { "whatsapp", "phone", "+33 (6) 12-34-56-78", true },
    };

    [Theory, MemberData(nameof(ChannelValue))]
    public async Task Handle_lead_then_client_value_lands_on_the_client_and_never_duplicates_it(
        string channel, string kind, string typed, bool sameConversation)
    {
        await using var host = TestHost.Create();
        var client = kind == "email"
            ? await host.ClientAsync("Paul Martin", email: Steps.ClientEmail)
            : await host.ClientAsync("Paul Martin", phone: Steps.ClientPhone);
        var (c1, _) = await host.StartAsync(channel);
        var lead = await host.HandleFiledAsLeadAsync(c1.Id, $"{channel}-4711", "Paul");

        var conv = sameConversation ? c1.Id : (await host.StartAsync(channel)).Conversation.Id;
        var result = kind == "email"
            ? await host.IdentifyAsync(conv, handle: $"{channel}-4711", email: typed)
            : await host.IdentifyAsync(conv, handle: $"{channel}-4711", phone: typed);

        result.Contact!.CrmRecord.Should().Be(client.Id, "the conversation lands on the client the CRM already holds");
        (await host.RecordOfAsync(conv)).Should().Be(client.Id);
        await host.ShouldHoldOneRecordAsync(client, kind == "email" ? Steps.ClientEmail : null, kind == "phone" ? Steps.ClientPhone : null);
        await host.LeadShouldHoldNoClientValueAsync(lead, client);
        await host.FeedShouldNameAsync(client.Id, lead);
        await host.FeedShouldNameAsync(lead.Id, client);

        // Saying it again changes nothing: same record, the feeds say it once.
        var clientFeed = (await host.FeedAsync(client.Id)).Count;
        var leadFeed = (await host.FeedAsync(lead.Id)).Count;
        for (var i = 0; i < 2; i++)
            (await host.IdentifyAsync(conv, handle: $"{channel}-4711", email: kind == "email" ? typed : null, phone: kind == "phone" ? typed : null))
                .Contact!.CrmRecord.Should().Be(client.Id);
        (await host.FeedAsync(client.Id)).Should().HaveCount(clientFeed, "a repeated identify writes no feed entry again");
        (await host.FeedAsync(lead.Id)).Should().HaveCount(leadFeed);
    }

    [Theory]
    [InlineData("instagram", CrmRecordKind.Person, "email")]  // the client has an e-mail and lacks a phone
    [InlineData("telegram", CrmRecordKind.Lead, "phone")]     // a lead sales made has a phone and lacks an e-mail
    public async Task Client_gets_what_it_lacks_the_lead_gets_nothing(string channel, CrmRecordKind clientKind, string has)
    {
        await using var host = TestHost.Create();
        var client = has == "email"
            ? await host.ClientAsync("Paul Martin", email: Steps.ClientEmail, kind: clientKind)
            : await host.ClientAsync("Paul Martin", phone: Steps.ClientPhone, kind: clientKind);
        var (c1, _) = await host.StartAsync(channel);
        var lead = await host.HandleFiledAsLeadAsync(c1.Id, "h-1");

        var r = await host.IdentifyAsync(c1.Id, handle: "h-1", email: "Paul.Martin@example.fr",
            phone: has == "email" ? "06 12 34 56 78" : "+33 6 12 34 56 78 ext. 12");

        r.Contact!.CrmRecord.Should().Be(client.Id);
        var now = await host.Crm.FindAsync(host.Ws, client.Id);
        now!.Phone.Should().Be(Steps.ClientPhone, "what the client lacked is filled as soon as it is found (seed 002)");
        (now.Email ?? "").Should().BeEquivalentTo(Steps.ClientEmail);
        var leadNow = await host.Crm.FindAsync(host.Ws, lead.Id);
        leadNow?.Email.Should().BeNull("the lead made before the client was recognised gets none of the client's values");
        leadNow?.Phone.Should().BeNull("the values go to the client, not also to the lead (never two records with one value)");
        await host.ShouldHoldOneRecordAsync(client, Steps.ClientEmail, Steps.ClientPhone);
    }

    [Fact]
    public async Task Client_value_is_never_overwritten_a_differing_one_is_proposed()
    {
        await using var host = TestHost.Create();
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail, phone: Steps.ClientPhone);
        var (c1, _) = await host.StartAsync("instagram");
        var lead = await host.HandleFiledAsLeadAsync(c1.Id, "ig-9");

        var r = await host.IdentifyAsync(c1.Id, handle: "ig-9", email: Steps.ClientEmail, phone: "07 98 76 54 32");

        r.Contact!.CrmRecord.Should().Be(client.Id);
        (await host.Crm.FindAsync(host.Ws, client.Id))!.Phone.Should().Be(Steps.ClientPhone, "existing data is not overwritten silently");
        r.ProposedChanges.Should().Contain(p => p.Proposed.Contains("33798765432") || p.Proposed.Contains("07 98 76 54 32"),
            "the differing phone comes back as a proposal");
        await host.LeadShouldHoldNoClientValueAsync(lead, client);
    }

    [Fact]
    public async Task After_the_move_the_transcript_and_later_handle_only_chats_go_to_the_client_not_the_lead()
    {
        await using var host = TestHost.Create();
        var alice = await host.AgentAsync("alice");
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        var (c1, t1) = await host.StartAsync("instagram");
        var lead = await host.HandleFiledAsLeadAsync(c1.Id, "ig-77");
        await host.Chat.Visitors.PostAsync(host.Ws, c1.Id, t1, "Bonjour, ma commande ?");
        await host.IdentifyAsync(c1.Id, handle: "ig-77", email: Steps.ClientEmail);
        await host.Chat.Conversations.ClaimAsync(host.Ws, c1.Id, alice);
        await host.Chat.Conversations.EndAsync(host.Ws, c1.Id, alice);

        (await host.ChatFeedAsync(client.Id, 1)).Should().ContainSingle("the transcript lands on the client");
        (await host.FeedAsync(lead.Id, CrmActivityType.Chat)).Should().BeEmpty("the transcript must not land on the lead");

        // Seed 003: the next Instagram chat, handle only, goes to the same record: the client.
        var (c2, t2) = await host.StartAsync("instagram");
        var r2 = await host.IdentifyAsync(c2.Id, handle: "ig-77");
        r2.Contact!.CrmRecord.Should().Be(client.Id, "later chats go to the client");
        await host.Chat.Visitors.PostAsync(host.Ws, c2.Id, t2, "Encore moi");
        await host.Chat.Conversations.ClaimAsync(host.Ws, c2.Id, alice);
        await host.Chat.Conversations.EndAsync(host.Ws, c2.Id, alice);
        (await host.ChatFeedAsync(client.Id, 2)).Should().HaveCount(2);
        (await host.FeedAsync(lead.Id, CrmActivityType.Chat)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Arrival_order_does_not_change_where_the_conversations_land(bool handleFirst)
    {
        await using var host = TestHost.Create();
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        var (c1, _) = await host.StartAsync("instagram");
        var (c2, _) = await host.StartAsync("instagram");
        if (handleFirst)
        {
            await host.IdentifyAsync(c1.Id, handle: "ig-1");
            await host.IdentifyAsync(c2.Id, handle: "ig-1", email: Steps.ClientEmail);
        }
        else
        {
            await host.IdentifyAsync(c1.Id, handle: "ig-1", email: Steps.ClientEmail);
            await host.IdentifyAsync(c2.Id, handle: "ig-1");
        }

        (await host.RecordOfAsync(c1.Id)).Should().Be(client.Id, "both conversations are the client's, whatever came first");
        (await host.RecordOfAsync(c2.Id)).Should().Be(client.Id);
        await host.ShouldHoldOneRecordAsync(client, Steps.ClientEmail);
    }
}
