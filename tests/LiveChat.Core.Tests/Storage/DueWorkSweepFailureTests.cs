using LiveChat.Core.Agents;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Routing;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Storage;

/// <summary>
/// X7, R7: a routing item (offer expiry, presence grace) whose work fails in a sweep stays due for the next sweep, and does
/// not hold back the items after it. In a cluster the work is a call to the workspace's router; when the server that held
/// the router has just died, the call can fail (it timed out in CI), and an item completed before its work ran was lost
/// with the dead server's timers: an offer made there never expired.
/// </summary>
public sealed class DueWorkSweepFailureTests
{
    private static readonly AgentId Ana = new("ana");

    [Fact]
    public async Task RunDueAsync_ARoutingItemWhoseWorkFails_StaysDue_TheItemsAfterItRun_AndTheNextSweepRunsIt()
    {
        var (h, hook) = await HarnessWithAnaAsync();
        await using var _ = h;
        var store = h.Services.GetRequiredService<IDueWorkStore>();
        var sweep = h.Services.GetRequiredService<DueWorkSweep>();
        var now = h.Clock.GetUtcNow();
        var failing = await store.ScheduleAsync(new DueWork(h.Workspace, Ana.Value, DueWorkKind.PresenceGrace, now.AddSeconds(-2)));
        var later = await store.ScheduleAsync(new DueWork(new WorkspaceId("other"), "c1", DueWorkKind.OfferExpiry, now.AddSeconds(-1)));

        var reads = 0;
        hook.BeforeRead = agent =>
        {
            if (agent == Ana && Interlocked.Increment(ref reads) == 1)
            {
                throw new TimeoutException("The router's server did not answer.");
            }
        };

        (await sweep.RunDueAsync()).Should().Be(1, "the item after the failing one runs in the same sweep");
        (await store.FindAsync(h.Workspace, Ana.Value, DueWorkKind.PresenceGrace)).Should().Be(failing, "the failed item stays due, as it was");
        (await store.FindAsync(later.Workspace, later.Subject, later.Kind)).Should().BeNull();

        (await sweep.RunDueAsync()).Should().Be(1, "the next sweep runs it");
        (await store.ListDueAsync(DateTimeOffset.MaxValue, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task RunDueAsync_ARoutingItemRescheduledWhileItsWorkRuns_KeepsTheNewerItem()
    {
        var (h, hook) = await HarnessWithAnaAsync();
        await using var _ = h;
        var store = h.Services.GetRequiredService<IDueWorkStore>();
        var now = h.Clock.GetUtcNow();
        await store.ScheduleAsync(new DueWork(h.Workspace, Ana.Value, DueWorkKind.PresenceGrace, now.AddSeconds(-1)));
        DueWork? newer = null;
        hook.BeforeRead = agent => newer ??= store.ScheduleAsync(new DueWork(h.Workspace, Ana.Value, DueWorkKind.PresenceGrace, now.AddMinutes(1))).AsTask().Result;

        (await h.Services.GetRequiredService<DueWorkSweep>().RunDueAsync()).Should().Be(0, "the item run was replaced while it ran, so it is not completed");
        (await store.FindAsync(h.Workspace, Ana.Value, DueWorkKind.PresenceGrace)).Should().Be(newer, "the newer item stays, due at its own time");
    }

    /// <summary>A harness with Ana registered, and a hook on its agent reads.</summary>
    private static async Task<(LiveChatHarness Harness, AgentReadHook Hook)> HarnessWithAnaAsync()
    {
        AgentReadHook? hook = null;
        var h = new LiveChatHarness(register: services => services.AddSingleton(sp =>
        {
            hook = AgentReadHook.Wrap(sp.GetRequiredService<InMemoryLiveChatStore>(), out var store);
            return store;
        }));
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(Ana, "Ana", 2));
        return (h, hook!);
    }
}
