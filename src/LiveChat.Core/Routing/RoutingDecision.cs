namespace LiveChat.Core.Routing;

/// <summary>The outcome of the decision step: an agent of a pool, or none. Carries the agent's version for the apply step.</summary>
/// <param name="Ordinal">The agent's ordinal in the table.</param>
/// <param name="Pool">The pool whose rotation picked them; <see langword="null"/> for a named teammate.</param>
/// <param name="Member">The agent's member index in <paramref name="Pool"/>.</param>
/// <param name="Version">The agent's version when decided.</param>
internal readonly record struct RoutingDecision(int Ordinal, AgentPool? Pool, int Member, long Version)
{
    /// <summary>Whether an agent was picked. <c>default</c> means none.</summary>
    public bool Found => Version != 0;
}
