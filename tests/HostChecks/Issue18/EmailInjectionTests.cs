// Hostile contact-form e-mail addresses in a cluster: accepted by the form on one server and on the cluster alike (see
// HostileInputTests), so check what happens next: no e-mail ever goes to a header-injected or malformed address.
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Issue18.Checks;

public sealed class EmailInjectionTests
{
    [ClusterTheory]
    [InlineData("eve@example.com\r\nBcc: all@example.com")]
    [InlineData("eve@example.com\nBcc: all@example.com")]
    [InlineData("not an address")]
    [InlineData("\"eve\"@example.com, all@example.com")]
    [InlineData("eve@example.com>\r\nX-Injected: yes")]
    public async Task AHostileFormAddress_NeverBecomesARecipientWithAnInjectedHeader(string hostile)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Servers = 2,
            Clock = clock,
            Options = o =>
            {
                o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
                o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10);
            },
        });
        var ws = Ids.Workspace("em");
        var alice = new AgentId("alice");
        await TimersInAClusterTests.OnlineAsync(cluster.B, ws, alice);
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Visitors.PostAsync(ws, c.Id, t, "hello", clientMessageId: "q");
        try
        {
            await cluster.B.Chat.Visitors.SubmitContactFormAsync(ws, c.Id, t, new ContactForm { Name = "Eve", Email = hostile });
        }
        catch (ArgumentException)
        {
            return; // refused outright: fine
        }

        await cluster.A.Chat.Conversations.ClaimAsync(ws, c.Id, alice);
        await cluster.B.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "reply", "r1");
        clock.Advance(TimeSpan.FromSeconds(61));
        foreach (var s in cluster.Servers) await s.Chat.Email.DispatchDueAsync();
        await cluster.A.Chat.Visitors.PageClosedAsync(ws, c.Id, t);
        foreach (var s in cluster.Servers) await s.Chat.Email.DispatchDueAsync();

        var recipient = await cluster.A.Chat.Email.GetRecipientAsync(ws, c.Id);
        recipient?.ToString().Should().NotContainAny("\r", "\n", "Bcc", "X-Injected");
        foreach (var m in cluster.AllSent)
        {
            string.Join(",", m.To).Should().NotContainAny("\r", "\n", "Bcc", "X-Injected", "all@example.com");
            m.Headers?.Keys.Should().NotContain(k => k.Contains("Bcc", StringComparison.OrdinalIgnoreCase) || k.Contains("Injected", StringComparison.OrdinalIgnoreCase));
        }
    }
}
