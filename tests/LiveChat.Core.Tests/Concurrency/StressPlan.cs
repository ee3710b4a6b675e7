using CsCheck;
using LiveChat.Core.Agents;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>A stress run: the agents' capacities and, per worker, the operations it performs in order.</summary>
public sealed record StressPlan(int[] Capacities, int ConversationCount, StressOperation[][] Workers)
{
    public const int AgentCount = 3;
    public const int WorkerCount = 8;

    /// <summary>Few agents and conversations, so that operations collide often; ends are rare so conversations live a while.</summary>
    public static Gen<StressPlan> Generator { get; } =
        Gen.Select(Gen.Int[1, 3].Array[AgentCount], Gen.Int[2, 5])
            .SelectMany(p => Operation(p.Item2).Array[8, 25].Array[WorkerCount].Select(workers => new StressPlan(p.Item1, p.Item2, workers)));

    public string Describe()
        => $"capacities [{string.Join(", ", Capacities)}], {ConversationCount} conversations\n"
            + string.Join('\n', Workers.Select((ops, i) => $"  worker {i}: {string.Join("; ", ops.Select(o => o.ToString()))}"));

    private static Gen<StressOperation> Operation(int conversations) => Gen.Select(
        Gen.Frequency(
            (3, StressOperationKind.SetStatus),
            (4, StressOperationKind.Claim),
            (3, StressOperationKind.Assign),
            (1, StressOperationKind.End),
            (4, StressOperationKind.PostVisitor),
            (4, StressOperationKind.PostAgent),
            (2, StressOperationKind.RequestAgent),
            (1, StressOperationKind.Start)),
        Gen.Int[0, AgentCount - 1],
        Gen.Int[0, conversations - 1],
        Gen.Frequency((3, AgentStatus.Online), (1, AgentStatus.Away), (1, AgentStatus.Offline)),
        (kind, agent, conversation, status) => new StressOperation(kind, agent, conversation, status));
}
