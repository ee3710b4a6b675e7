using System.Collections.Frozen;
using Stateless;
using Stateless.Graph;

namespace LiveChat.Core.Conversations;

/// <summary>
/// The conversation lifecycle (feature C1), configured once with Stateless and compiled into a lookup table.
/// </summary>
/// <remarks>
/// <para>
/// Stateless is the single place the transitions are written down: the table that every operation consults, and the
/// diagrams returned by <see cref="ToMermaidGraph"/> and <see cref="ToDotGraph"/>, are both read from that one
/// configuration. A <see cref="StateMachine{TState,TTrigger}"/> is single-threaded and allocates on every fire, so the
/// hot path never fires it: it looks the move up in an immutable table, which is thread-safe and allocation-free.
/// </para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public static class ConversationLifecycle
{
    private static readonly StateMachine<ConversationState, ConversationTrigger> Definition = Configure();
    private static readonly FrozenDictionary<(ConversationState, ConversationTrigger), ConversationState> Moves = Compile(Definition);

    /// <summary>Whether <paramref name="trigger"/> is allowed in <paramref name="state"/>.</summary>
    public static bool CanFire(ConversationState state, ConversationTrigger trigger) => Moves.ContainsKey((state, trigger));

    /// <summary>The state that <paramref name="trigger"/> leads to from <paramref name="state"/>.</summary>
    /// <exception cref="InvalidConversationTransitionException">The move is not allowed; nothing is changed.</exception>
    public static ConversationState Next(ConversationState state, ConversationTrigger trigger)
        => Moves.TryGetValue((state, trigger), out var next)
            ? next
            : throw new InvalidConversationTransitionException(state, trigger);

    /// <summary>The lifecycle as a Mermaid state diagram.</summary>
    public static string ToMermaidGraph() => MermaidGraph.Format(Definition.GetInfo());

    /// <summary>The lifecycle as a Graphviz DOT graph.</summary>
    public static string ToDotGraph() => UmlDotGraph.Format(Definition.GetInfo());

    private static StateMachine<ConversationState, ConversationTrigger> Configure()
    {
        // The machine only describes the lifecycle; its own state is never used at run time.
        var machine = new StateMachine<ConversationState, ConversationTrigger>(ConversationState.BotFlow);

        machine.Configure(ConversationState.BotFlow)
            .Permit(ConversationTrigger.RequestAgent, ConversationState.Unassigned)
            .Permit(ConversationTrigger.NoAgentAvailable, ConversationState.Offline)
            .Permit(ConversationTrigger.Assign, ConversationState.Assigned)
            .Permit(ConversationTrigger.End, ConversationState.Ended);

        machine.Configure(ConversationState.Unassigned)
            .Permit(ConversationTrigger.Assign, ConversationState.Assigned)
            .Permit(ConversationTrigger.NoAgentAvailable, ConversationState.Offline)
            .Permit(ConversationTrigger.End, ConversationState.Ended);

        machine.Configure(ConversationState.Assigned)
            .PermitReentry(ConversationTrigger.Assign)
            .Permit(ConversationTrigger.Requeue, ConversationState.Unassigned)
            .Permit(ConversationTrigger.End, ConversationState.Ended);

        // Offline conversations can be picked up later: a returning visitor asks again, or an agent claims the request.
        machine.Configure(ConversationState.Offline)
            .Permit(ConversationTrigger.RequestAgent, ConversationState.Unassigned)
            .Permit(ConversationTrigger.Assign, ConversationState.Assigned)
            .Permit(ConversationTrigger.End, ConversationState.Ended);

        // Ended is terminal: it permits nothing.
        machine.Configure(ConversationState.Ended);

        return machine;
    }

    private static FrozenDictionary<(ConversationState, ConversationTrigger), ConversationState> Compile(
        StateMachine<ConversationState, ConversationTrigger> machine)
    {
        var moves = new Dictionary<(ConversationState, ConversationTrigger), ConversationState>();
        foreach (var state in machine.GetInfo().States)
        {
            var from = (ConversationState)state.UnderlyingState;
            foreach (var transition in state.FixedTransitions)
            {
                moves.Add((from, (ConversationTrigger)transition.Trigger.UnderlyingTrigger), (ConversationState)transition.DestinationState.UnderlyingState);
            }
        }

        return moves.ToFrozenDictionary();
    }
}
