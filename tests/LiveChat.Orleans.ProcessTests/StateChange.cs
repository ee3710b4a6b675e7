namespace LiveChat.Orleans.ProcessTests;

/// <summary>One conversation state change a silo printed (<c>EVT WS CONV VERSION STATE AGENT UNIX-MS</c>).</summary>
public sealed record StateChange(string Ws, string Conversation, long Version, string State, string Agent, long AtMs);
