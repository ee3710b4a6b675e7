using System.Collections.Concurrent;
using LiveChat.Core.Agents;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Core.Tests.Routing;

/// <summary>Heartbeat timers on their own (feature R1): due at the last known heartbeat plus the timeout, the store's later heartbeat wins.</summary>
public sealed class AgentPresenceTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly BackgroundWork _work;
    private readonly ConcurrentQueue<AgentId> _lapses = new();
    private readonly AgentPresence _presence;
    private readonly AgentSlot _slot = new(new AgentId("alice"), 0) { Present = true };

    public AgentPresenceTests()
    {
        _work = new BackgroundWork(_time, NullLogger<BackgroundWork>.Instance);
        _presence = new AgentPresence(_work, new RoutingOptions { PresenceTimeout = Timeout }, (id, _) =>
        {
            _lapses.Enqueue(id);
            return Task.CompletedTask;
        }, "test presence");
    }

    [Fact]
    public async Task Seen_Heartbeat_FiresOnceAtTheHeartbeatPlusTheTimeout()
    {
        _presence.Seen(_slot, _time.GetUtcNow() - TimeSpan.FromSeconds(10));

        await AdvanceAsync(TimeSpan.FromSeconds(49));
        _lapses.Should().BeEmpty();
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        _lapses.Should().Equal(_slot.Id);
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        _lapses.Should().ContainSingle("the timer is one-shot until the next heartbeat");
    }

    [Fact]
    public async Task Seen_ALaterHeartbeat_MovesTheTimerOn()
    {
        _presence.Seen(_slot, _time.GetUtcNow());
        await AdvanceAsync(TimeSpan.FromSeconds(30));

        _presence.Seen(_slot, _time.GetUtcNow());
        await AdvanceAsync(TimeSpan.FromSeconds(59));

        _lapses.Should().BeEmpty();
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        _lapses.Should().ContainSingle();
    }

    [Fact]
    public void Lapsed_WhenTheStoreHoldsALiveHeartbeat_IsFalseAndArmsAgain()
    {
        _presence.Seen(_slot, _time.GetUtcNow() - Timeout);
        var stored = Stored(lastSeen: _time.GetUtcNow() - TimeSpan.FromSeconds(5));

        _presence.Lapsed(_slot, stored, _time.GetUtcNow()).Should().BeFalse();
        _presence.IsArmed(_slot.Id).Should().BeTrue();
    }

    [Fact]
    public void Lapsed_WhenNoHeartbeatIsLiveAnywhere_IsTrueOnceForAPresentAgent()
    {
        _presence.Seen(_slot, _time.GetUtcNow() - Timeout);

        _presence.Lapsed(_slot, Stored(lastSeen: _time.GetUtcNow() - Timeout), _time.GetUtcNow()).Should().BeTrue();
        _slot.Present = false;
        _presence.Lapsed(_slot, null, _time.GetUtcNow()).Should().BeFalse("an agent already silent does not lapse again");
    }

    [Fact]
    public async Task Seen_AfterTheClockMovedWhileTheReadRan_FiresAtTheHeartbeatPlusTheTimeout_NotLater()
    {
        // The router reads the agent, then the clock moves 30 s before the answer is applied (a slow store, a busy
        // machine). Counted from the time the read was taken, the delay fired 30 s late and a silent agent kept
        // receiving conversations (seen once as a flaky WorkspaceRouterTests presence check).
        var heartbeat = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(30));

        _presence.Seen(_slot, heartbeat);

        await AdvanceAsync(TimeSpan.FromSeconds(29));
        _lapses.Should().BeEmpty();
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        _lapses.Should().Equal(_slot.Id);
    }

    [Fact]
    public async Task Lapsed_JudgedAtAnEarlierRead_ArmsForTheLapseOnTheClockAsItIsNow()
    {
        var readAt = _time.GetUtcNow();
        _presence.Seen(_slot, readAt - TimeSpan.FromSeconds(50));
        _time.Advance(TimeSpan.FromSeconds(5)); // the read's answer arrives 5 s after it was taken

        _presence.Lapsed(_slot, Stored(lastSeen: readAt - TimeSpan.FromSeconds(50)), readAt).Should().BeFalse("live at the read");

        await AdvanceAsync(TimeSpan.FromSeconds(4));
        _lapses.Should().BeEmpty();
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        _lapses.Should().Equal(_slot.Id);
    }

    [Fact]
    public void Seen_WithAnInfiniteTimeout_ArmsNothing()
    {
        using var never = new AgentPresence(_work, new RoutingOptions { PresenceTimeout = System.Threading.Timeout.InfiniteTimeSpan }, (_, _) => Task.CompletedTask, "test");

        never.Seen(_slot, _time.GetUtcNow());

        never.IsArmed(_slot.Id).Should().BeFalse();
    }

    public async ValueTask DisposeAsync()
    {
        _presence.Dispose();
        await _work.DisposeAsync();
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await _work.WhenIdleAsync();
    }

    private Agent Stored(DateTimeOffset lastSeen) => new()
    {
        Workspace = new WorkspaceId("acme"),
        Id = _slot.Id,
        DisplayName = "Alice",
        MaxConcurrentConversations = 1,
        Status = AgentStatus.Online,
        LastSeenAt = lastSeen,
    };
}
