namespace LiveChat.Orleans.ProcessTests;

/// <summary>Replays state changes into each agent's load over time.</summary>
public static class EventLoad
{
    /// <summary>
    /// The most conversations each agent held at once: a conversation is held from a change that assigns it to the agent
    /// until its next change (by version) that does not, replayed in time order with releases before takes at one instant.
    /// </summary>
    public static Dictionary<(string Ws, string Agent), int> MostAtOnce(IEnumerable<StateChange> changes)
    {
        var steps = new List<(string Ws, string Agent, long At, int Delta)>();
        foreach (var chain in changes.GroupBy(c => (c.Ws, c.Conversation)))
        {
            StateChange? holding = null;
            foreach (var change in chain.DistinctBy(c => c.Version).OrderBy(c => c.Version))
            {
                var holds = change.State == "Assigned" ? change.Agent : null;
                if (holding is not null && holding.Agent != holds)
                {
                    steps.Add((chain.Key.Ws, holding.Agent, change.AtMs, -1));
                    holding = null;
                }

                if (holds is not null && holding is null)
                {
                    holding = change;
                    steps.Add((chain.Key.Ws, holds, change.AtMs, +1));
                }
            }
        }

        var load = new Dictionary<(string, string), int>();
        var most = new Dictionary<(string, string), int>();
        foreach (var step in steps.OrderBy(s => s.At).ThenBy(s => s.Delta))
        {
            var key = (step.Ws, step.Agent);
            load[key] = load.GetValueOrDefault(key) + step.Delta;
            most[key] = Math.Max(most.GetValueOrDefault(key), load[key]);
        }

        return most;
    }
}
