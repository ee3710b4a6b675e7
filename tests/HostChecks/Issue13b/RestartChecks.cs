using FluentAssertions;
using LiveChat.Core.Crm;
using Xunit;

namespace LiveChat.Issue13b.Checks;

// The same journeys on a durable store with the host process restarted between the steps: what chat tracking decided
// before the restart must hold after it (identity log replayed), and the feed must not say it twice.
public class RestartChecks
{
    public static TheoryData<bool> SameConversation => new() { true, false };

    [Theory, MemberData(nameof(SameConversation))]
    public Task Sqlite_handle_lead_then_client_email_across_restarts(bool sameConversation)
        => Journey(StoreKind.Sqlite, sameConversation);

    [PostgresFact]
    public Task PostgreSql_handle_lead_then_client_email_across_restarts()
        => Journey(StoreKind.PostgreSql, sameConversation: false);

    private static async Task Journey(StoreKind store, bool sameConversation)
    {
        await using var host = TestHost.Create(store);
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        var (c1, _) = await host.StartAsync("instagram");
        var lead = await host.HandleFiledAsLeadAsync(c1.Id, "ig-restart");

        await host.RestartAsync();
        var conv = sameConversation ? c1.Id : (await host.StartAsync("instagram")).Conversation.Id;
        var r = await host.IdentifyAsync(conv, handle: "ig-restart", email: "Paul.Martin@Example.fr", phone: "06 12 34 56 78");
        r.Contact!.CrmRecord.Should().Be(client.Id, "after a restart the client's e-mail still moves the handle's contact to the client");
        var feedAfterMove = (await host.FeedAsync(client.Id)).Count;

        await host.RestartAsync();
        var (c3, _) = await host.StartAsync("instagram");
        var r3 = await host.IdentifyAsync(c3.Id, handle: "ig-restart");
        r3.Contact!.CrmRecord.Should().Be(client.Id, "after another restart, a handle-only chat still goes to the client");
        (await host.RecordOfAsync(conv)).Should().Be(client.Id);
        (await host.RecordOfAsync(c1.Id)).Should().Be(client.Id, "the first Instagram conversation is the client's too");

        await host.ShouldHoldOneRecordAsync(client, Steps.ClientEmail, Steps.ClientPhone);
        await host.LeadShouldHoldNoClientValueAsync(lead, client);
        (await host.Crm.FindAsync(host.Ws, client.Id))!.Phone.Should().Be(Steps.ClientPhone);
        await host.FeedShouldNameAsync(client.Id, lead);
        await host.FeedShouldNameAsync(lead.Id, client);
        (await host.FeedAsync(client.Id)).Where(a => a.Type != CrmActivityType.Chat).Should()
            .HaveCount(feedAfterMove, "replaying the log after a restart must not write the feed entries again");
    }
}
