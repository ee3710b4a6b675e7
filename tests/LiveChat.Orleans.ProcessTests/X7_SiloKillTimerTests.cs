using System.Globalization;
using LiveChat.Core.Testing;
using LiveChat.Email.MailKit.Tests;
using Xunit.Abstractions;

namespace LiveChat.Orleans.ProcessTests;

/// <summary>
/// Feature X7, fault kind "a silo dies with a timer armed" (issue 18): an offer lease and an unread-reply e-mail window
/// set on a silo that is then killed with SIGKILL still fire, once, on the survivors. Each fact runs its own three silo
/// processes on a fresh database.
/// </summary>
public sealed class X7_SiloKillTimerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan UnreadDelay = TimeSpan.FromSeconds(5);

    /// <summary>What a loaded 2-core machine may add to a timer (failure detection, a new activation, store round trips).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task SigKill_OfferMadeOnTheDeadSilo_StillExpires_AndMovesToTheNextAgent()
    {
        await using var cluster = await ClusterRun.StartAsync(4, "--offer-timeout", $"{OfferTimeout.TotalSeconds}", "--presence-timeout", "60");
        var offers = new Dictionary<string, (string Conversation, string Agent, long ExpiresMs)>();
        foreach (var ws in cluster.Workspaces)
        {
            await cluster.Primary.RunAsync($"setup {ws} 2 1", $"SETUP {ws}");
            await cluster.Primary.RunAsync($"online {ws} agent-00", $"ONLINE {ws}");
            await cluster.Primary.RunAsync($"online {ws} agent-01", $"ONLINE {ws}");
            var conversation = (await cluster.Primary.RunAsync($"visit {ws} -", $"REQ {ws}")).Split(' ')[2];
            var state = (await cluster.Primary.RunAsync($"get {ws} {conversation}", $"STATE {ws}")).Split(' ');
            offers[ws] = (conversation, state[5], long.Parse(state[6], CultureInfo.InvariantCulture));
        }

        var (victim, made) = cluster.ChooseVictim(await cluster.RoutersAsync(cluster.Primary));
        await victim.KillAsync();

        // What the test is about: the offers still live when their silo died. On a loaded machine setting up four
        // workspaces can outlast the first offers, which then expired on their own silo; those prove nothing here.
        var killedMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var routed = made.Where(ws => offers[ws].ExpiresMs > killedMs).ToArray();
        routed.Should().NotBeEmpty($"an offer made by {victim.Name} should still be live when it dies (offers: {string.Join(", ", made.Select(ws => $"{ws} expires {offers[ws].ExpiresMs}"))}, killed at {killedMs})");
        output.WriteLine($"killed {victim.Name}, which made the offers of {string.Join(", ", made)}; live at the kill: {string.Join(", ", routed)}");

        var survivor = cluster.Silos.First(s => s != victim);
        foreach (var ws in routed)
        {
            var (conversation, first, _) = offers[ws];
            string[] state = [];
            await Eventually.HoldsAsync(
                async () => (state = (await survivor.RunAsync($"get {ws} {conversation}", $"STATE {ws}")).Split(' '))[5] is not "-" and var next && next != first,
                $"the offer of {conversation} to {first} to expire and move on", OfferTimeout + Slack, TimeSpan.FromMilliseconds(500));
            output.WriteLine($"{ws}: offered to {first}, then to {state[5]}");
        }
    }

    [PostgresFact]
    public async Task SigKill_UnreadReplyEmailPendingOnTheDeadSilo_IsSentExactlyOnce()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var cluster = await ClusterRun.StartAsync(1, "--smtp-port", $"{smtp.Port}", "--unread-delay", $"{UnreadDelay.TotalSeconds}");
        var ws = cluster.Workspaces[0];
        var victim = cluster.Silos[1];
        await cluster.Primary.RunAsync($"setup {ws} 1 5", $"SETUP {ws}");
        await cluster.Primary.RunAsync($"online {ws} agent-00", $"ONLINE {ws}");
        var conversation = (await victim.RunAsync($"visit {ws} jan@example.com", $"REQ {ws}")).Split(' ')[2];
        (await victim.RunAsync($"get {ws} {conversation}", $"STATE {ws}")).Should().Contain("Assigned agent-00");
        await victim.RunAsync($"reply {ws} {conversation} agent-00", $"REPLY {ws}");
        await victim.KillAsync();
        smtp.Received().Should().BeEmpty("the window was still open when its silo died");

        await Eventually.HoldsAsync(() => smtp.Received().Count > 0, "the unread-reply e-mail", UnreadDelay + Slack);
        // Exactly once: the window is completed in the store (no survivor can fire it again), and one e-mail arrived.
        await Eventually.HoldsAsync(
            async () => Convert.ToInt64(await cluster.Database.ScalarAsync("SELECT COUNT(*) FROM livechat_due_work WHERE kind = 'UnreadReplies'"), CultureInfo.InvariantCulture) == 0,
            "the window to be completed", Slack);
        smtp.Received().Should().ContainSingle().Which.To.ToString().Should().Contain("jan@example.com");
    }
}
