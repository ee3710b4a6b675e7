using System.Globalization;
using Xunit.Abstractions;

namespace LiveChat.Orleans.ProcessTests;

/// <summary>
/// Feature X7, fault kind "a silo dies" (issue 18): three silo processes on one PostgreSQL under steady load, one
/// silo hosting the most router grains killed with SIGKILL mid-run (<see cref="SiloKillRun"/>). Nothing acknowledged is lost or doubled,
/// ownership and capacity hold throughout, and what the dead silo routed is routed by the survivors.
/// </summary>
public sealed class X7_SiloKillTests(SiloKillRun run, ITestOutputHelper output) : IClassFixture<SiloKillRun>
{
    /// <summary>Failure detection, then the agents' presence timeout, then the requeue grace.</summary>
    private static readonly TimeSpan Grace = SiloKillRun.FailureDetection + SiloKillRun.PresenceTimeout + SiloKillRun.RequeueAfter;

    /// <summary>What a loaded 2-core machine may add to the grace period (the survivors' own load, store round trips).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    [PostgresFact]
    public async Task SigKill_AcknowledgedMessages_AreStoredExactlyOnceWithContiguousSequences()
    {
        var acknowledged = run.Cluster.Acknowledged("MSG").Select(p => (Ws: p[1], Conversation: p[2], Client: p[3], Sequence: p[4])).ToList();
        var fromVictim = run.Victim.Lines.Count(l => l.StartsWith("MSG ", StringComparison.Ordinal));
        output.WriteLine($"{acknowledged.Count} acknowledged messages, {fromVictim} of them by the killed silo {run.Victim.Name}");
        fromVictim.Should().BePositive("the victim was killed mid-run");

        var stored = (await run.RowsAsync("SELECT workspace, conversation_id::text, client_message_id, sequence FROM messages WHERE client_message_id IS NOT NULL"))
            .GroupBy(r => (r[0], r[1], r[2])).ToDictionary(g => g.Key, g => g.Select(r => r[3]).ToList());
        foreach (var message in acknowledged)
        {
            stored.GetValueOrDefault((message.Ws, message.Conversation, message.Client)).Should()
                .Equal([message.Sequence], $"message {message.Client} of {message.Conversation} was acknowledged with that sequence, so it is stored once with it");
        }

        var gaps = await run.RowsAsync("""
            SELECT workspace, conversation_id::text FROM messages GROUP BY workspace, conversation_id
            HAVING MIN(sequence) <> 1 OR MAX(sequence) <> COUNT(*) OR COUNT(DISTINCT sequence) <> COUNT(*)
            """);
        gaps.Should().BeEmpty("every conversation's sequences run 1, 2, 3… with no gap and no repeat");
    }

    [PostgresFact]
    public async Task SigKill_NoConversation_EverHasTwoOwners_InTheEventsOrTheStore()
    {
        var events = Events();
        var clashes = events.GroupBy(e => (e.Ws, e.Conversation, e.Version)).Where(g => g.Select(e => (e.State, e.Agent)).Distinct().Count() > 1);
        clashes.Should().BeEmpty("each version of a conversation is committed once, with one owner");

        var stored = await run.RowsAsync("SELECT workspace, id::text, version, COALESCE(assigned_agent, '-') FROM conversations");
        var last = events.GroupBy(e => (e.Ws, e.Conversation)).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Version));
        var compared = 0;
        foreach (var row in stored)
        {
            if (last.TryGetValue((row[0], row[1]), out var latest) && latest!.Version == long.Parse(row[2], CultureInfo.InvariantCulture))
            {
                latest.Agent.Should().Be(row[3], $"the store's owner of {row[1]} is the one its last event named");
                compared++;
            }
        }

        output.WriteLine($"{events.Count} state changes; {compared} of {stored.Count} stored conversations compared with their last event");
        compared.Should().BePositive();
    }

    [PostgresFact]
    public async Task SigKill_NoAgent_EverExceedsCapacity_InTheStoreOrTheEvents()
    {
        var store = await run.RowsAsync("""
            SELECT h.workspace, h.agent, h.most, a.max_conversations FROM load_high_water h
            JOIN agents a ON a.workspace = h.workspace AND a.id = h.agent
            """);
        store.Should().NotBeEmpty();
        store.Where(r => int.Parse(r[2], CultureInfo.InvariantCulture) > int.Parse(r[3], CultureInfo.InvariantCulture))
            .Should().BeEmpty("the store never let an agent hold more than their capacity");

        // The events a SIGKILLed process committed last may never have reached its output: a release of one of its own
        // agents (an end) can be missing from the replay, which would then count that agent one too high. So the replay
        // covers the survivors' agents; the store's high-water mark above covers every agent.
        var capacity = store.ToDictionary(r => (r[0], r[1]), r => int.Parse(r[3], CultureInfo.InvariantCulture));
        var most = EventLoad.MostAtOnce(Events()).Where(m => !run.VictimAgents.Contains(m.Key.Agent)).ToDictionary();
        output.WriteLine($"most held at once from the events: {string.Join(", ", most.OrderBy(m => m.Key).Select(m => $"{m.Key.Ws}/{m.Key.Agent}={m.Value}"))}");
        most.Where(m => m.Value > capacity.GetValueOrDefault(m.Key, SiloKillRun.SpareCapacity))
            .Should().BeEmpty("replayed in time order, the events never show an agent over capacity");
    }

    [PostgresFact]
    public void SigKill_ConversationsWaitingOnTheDeadSilosRouter_AreRoutedBySurvivors_WithinTheGracePeriod()
    {
        output.WriteLine($"victim {run.Victim.Name} routed {string.Join(", ", run.RoutedByVictim)}; {run.WaitingAtKill} waiting at the kill, none after {run.WaitingRoutedAfter?.TotalSeconds:0.0} s (grace {Grace.TotalSeconds} s)");
        run.WaitingRoutedAfter.Should().NotBeNull("nothing the dead silo's router held may wait forever");
        run.WaitingRoutedAfter!.Value.Should().BeLessThanOrEqualTo(Grace + Slack);
        run.RoutersAfter.Where(r => run.RoutedByVictim.Contains(r.Key)).Should().OnlyContain(r => r.Value != run.Victim.Name)
            .And.HaveCount(run.RoutedByVictim.Count, "each of the dead silo's router grains is active again on a survivor");
    }

    [PostgresFact]
    public void SigKill_ConversationsHeldByTheDeadSilosAgents_AreRequeuedAndRoutedBySurvivors_WithinTheGracePeriod()
    {
        output.WriteLine($"{run.HeldAtKill} held by the victim's agents {string.Join(", ", run.VictimAgents)} at the kill, none after {run.HeldRequeuedAfter?.TotalSeconds:0.0} s (grace {Grace.TotalSeconds} s)");
        run.HeldAtKill.Should().BePositive("the dead silo's agents held conversations when it died");
        run.HeldRequeuedAfter.Should().NotBeNull("an agent whose server died is away, and their conversations go back to the queue");
        run.HeldRequeuedAfter!.Value.Should().BeLessThanOrEqualTo(Grace + Slack);
    }

    private List<StateChange> Events()
        => [.. run.Cluster.Acknowledged("EVT").Select(p => new StateChange(p[1], p[2], long.Parse(p[3], CultureInfo.InvariantCulture), p[4], p[5], long.Parse(p[6], CultureInfo.InvariantCulture)))];
}
