using LiveChat.Core.Agents;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>One step of a stress run: an operation on one agent and one of the run's first conversations.</summary>
public sealed record StressOperation(StressOperationKind Kind, int Agent, int Conversation, AgentStatus Status)
{
    public override string ToString() => Kind switch
    {
        StressOperationKind.SetStatus => $"SetStatus(a{Agent}, {Status})",
        StressOperationKind.Start => "Start",
        StressOperationKind.PostVisitor or StressOperationKind.RequestAgent or StressOperationKind.End => $"{Kind}(c{Conversation})",
        _ => $"{Kind}(a{Agent}, c{Conversation})",
    };
}
