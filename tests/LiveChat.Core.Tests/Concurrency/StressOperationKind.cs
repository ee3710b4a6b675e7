namespace LiveChat.Core.Tests.Concurrency;

/// <summary>What one step of a stress run does.</summary>
public enum StressOperationKind
{
    SetStatus,
    Claim,
    Assign,
    End,
    PostVisitor,
    PostAgent,
    RequestAgent,
    Start,
}
