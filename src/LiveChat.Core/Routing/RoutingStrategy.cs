namespace LiveChat.Core.Routing;

/// <summary>
/// The decision step of routing: picks one agent among the available candidates, or nobody (feature R8). Pluggable: the
/// built-in strategies are <see cref="RoundRobin"/> (the default), <see cref="StrictRoundRobin"/>,
/// <see cref="LeastBusy"/> and <see cref="Manual"/>; derive from this
/// class for your own.
/// </summary>
/// <remarks>
/// <para>
/// A strategy only decides. The router then applies the decision atomically: it reserves the agent's seat and the store
/// re-checks availability and capacity in the same transaction that assigns the conversation, so a strategy can never
/// put an agent over capacity or give a conversation two owners.
/// </para>
/// <para>
/// The built-in strategies never see a span: the router answers them from indexes kept up to date as agents change,
/// in constant time and without allocating. A custom strategy is given every candidate, so its decision costs time in
/// proportion to the target's available agents.
/// </para>
/// </remarks>
public abstract class RoutingStrategy
{
    /// <summary>Creates a strategy.</summary>
    /// <param name="name">A short name for logs and diagnostics.</param>
    protected RoutingStrategy(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>
    /// Balanced round robin, the default (feature R3): the next request goes to one of the least-loaded available agents
    /// of the target, and the turn rotates, in registration order, only among those. With loads 2/1/1 the next chat goes
    /// to one of the agents with 1, whoever's turn it was. Two available agents never differ by more than one chat
    /// because of routing while their capacity allows.
    /// </summary>
    public static RoutingStrategy RoundRobin { get; } = new RoundRobinStrategy("round-robin", BuiltInStrategy.RoundRobin);

    /// <summary>
    /// Strict rotation among the available agents of the target, in registration order, whatever their load: the agent
    /// whose turn it is gets the next request as long as they have a free seat.
    /// </summary>
    public static RoutingStrategy StrictRoundRobin { get; } = new RoundRobinStrategy("strict-round-robin", BuiltInStrategy.StrictRoundRobin);

    /// <summary>
    /// The agent with the fewest open conversations now; among equals, the one idle longest (whose load changed least
    /// recently). Never a lifetime counter, so an agent returning from a break does not receive every new chat.
    /// </summary>
    public static RoutingStrategy LeastBusy { get; } = new LeastBusyStrategy();

    /// <summary>Picks nobody: requests wait in the Unassigned folder until an agent claims them.</summary>
    public static RoutingStrategy Manual { get; } = new ManualStrategy();

    /// <summary>The strategy's name.</summary>
    public string Name { get; }

    internal virtual BuiltInStrategy BuiltIn => BuiltInStrategy.None;

    /// <summary>Picks an agent.</summary>
    /// <param name="candidates">
    /// The available agents of the target, never empty, in rotation order: starting with the agent after the one this
    /// target's rotation picked last.
    /// </param>
    /// <returns>The index of the chosen candidate, or -1 to pick nobody.</returns>
    /// <remarks>Called under the workspace's routing lock: keep it fast, never block, never call back into the SDK.</remarks>
    public abstract int Choose(ReadOnlySpan<RoutingCandidate> candidates);

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class RoundRobinStrategy(string name, BuiltInStrategy builtIn) : RoutingStrategy(name)
    {
        internal override BuiltInStrategy BuiltIn => builtIn;

        /// <summary>The first candidate in rotation order, at the lowest load unless the rotation is strict.</summary>
        public override int Choose(ReadOnlySpan<RoutingCandidate> candidates)
        {
            var best = candidates.IsEmpty ? -1 : 0;
            for (var i = 1; builtIn == BuiltInStrategy.RoundRobin && i < candidates.Length; i++)
            {
                if (candidates[i].OpenConversations < candidates[best].OpenConversations)
                {
                    best = i;
                }
            }

            return best;
        }
    }

    private sealed class LeastBusyStrategy() : RoutingStrategy("least-busy")
    {
        internal override BuiltInStrategy BuiltIn => BuiltInStrategy.LeastBusy;

        public override int Choose(ReadOnlySpan<RoutingCandidate> candidates)
        {
            var best = -1;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (best < 0
                    || candidates[i].OpenConversations < candidates[best].OpenConversations
                    || (candidates[i].OpenConversations == candidates[best].OpenConversations && candidates[i].IdleSince < candidates[best].IdleSince))
                {
                    best = i;
                }
            }

            return best;
        }
    }

    private sealed class ManualStrategy() : RoutingStrategy("manual")
    {
        internal override BuiltInStrategy BuiltIn => BuiltInStrategy.Manual;

        public override int Choose(ReadOnlySpan<RoutingCandidate> candidates) => -1;
    }
}

/// <summary>Which built-in strategy the router answers from its indexes.</summary>
internal enum BuiltInStrategy
{
    None,
    RoundRobin,
    StrictRoundRobin,
    LeastBusy,
    Manual,
}
