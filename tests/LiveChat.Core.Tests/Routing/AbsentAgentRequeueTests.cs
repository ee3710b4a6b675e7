using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using Xunit;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// When a stored agent went away, as a table load reads it (feature R6): the requeue grace of an agent who went while no
/// process had the table (a restart) counts from then, not from the load.
/// </summary>
public sealed class AbsentAgentRequeueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly RoutingOptions Presence = new() { PresenceTimeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public void GoneSince_AnOfflineAgent_IsWhenTheStatusWasSet()
        => AbsentAgentRequeue.GoneSince(Stored(AgentStatus.Offline, statusAt: Now.AddHours(-3), lastSeen: Now.AddHours(-3)), Presence, heartbeatsStored: false, Now)
            .Should().Be(Now.AddHours(-3));

    [Fact]
    public void GoneSince_ASilentAgent_WithEveryHeartbeatStored_IsWhenTheLastOneLapsed()
        => AbsentAgentRequeue.GoneSince(Stored(AgentStatus.Online, statusAt: Now.AddHours(-5), lastSeen: Now.AddHours(-3)), Presence, heartbeatsStored: true, Now)
            .Should().Be(Now.AddHours(-3).AddSeconds(60));

    [Fact]
    public void GoneSince_ASilentAgent_WithHeartbeatsHeldOutsideTheStore_IsNow()
        => AbsentAgentRequeue.GoneSince(Stored(AgentStatus.Online, statusAt: Now.AddHours(-5), lastSeen: Now.AddHours(-3)), Presence, heartbeatsStored: false, Now)
            .Should().Be(Now, "the stored heartbeat may be far older than the agent's last one, held in a grain that died");

    [Fact]
    public void GoneSince_OfflineAfterGoingSilent_IsTheEarlierOfTheTwo()
        => AbsentAgentRequeue.GoneSince(Stored(AgentStatus.Offline, statusAt: Now.AddMinutes(-10), lastSeen: Now.AddMinutes(-30)), Presence, heartbeatsStored: true, Now)
            .Should().Be(Now.AddMinutes(-30).AddSeconds(60));

    [Fact]
    public void GoneSince_APresentAgent_OrNoPresenceRequired_IsNow()
    {
        AbsentAgentRequeue.GoneSince(Stored(AgentStatus.Online, statusAt: Now.AddHours(-1), lastSeen: Now.AddSeconds(-5)), Presence, heartbeatsStored: true, Now).Should().Be(Now);
        AbsentAgentRequeue.GoneSince(Stored(AgentStatus.Online, statusAt: Now.AddHours(-1), lastSeen: Now.AddHours(-1)), new RoutingOptions { PresenceTimeout = Timeout.InfiniteTimeSpan }, heartbeatsStored: true, Now)
            .Should().Be(Now);
    }

    private static Agent Stored(AgentStatus status, DateTimeOffset statusAt, DateTimeOffset lastSeen) => new()
    {
        Workspace = new WorkspaceId("acme"),
        Id = new AgentId("alice"),
        DisplayName = "Alice",
        MaxConcurrentConversations = 3,
        Status = status,
        StatusChangedAt = statusAt,
        LastSeenAt = lastSeen,
    };
}
