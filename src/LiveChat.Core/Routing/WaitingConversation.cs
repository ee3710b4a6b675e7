using LiveChat.Core.Conversations;

namespace LiveChat.Core.Routing;

/// <summary>A conversation in the backlog: where it is routed and since when it waits.</summary>
internal sealed record WaitingConversation(ConversationId Id, long Number, long QueuedAtTicks, RoutingTarget Target)
{
    /// <summary>Oldest first: by the time the request started waiting, then by conversation number.</summary>
    public static IComparer<WaitingConversation> OldestFirst { get; } = Comparer<WaitingConversation>.Create((a, b) =>
    {
        var byTime = a.QueuedAtTicks.CompareTo(b.QueuedAtTicks);
        return byTime != 0 ? byTime : a.Number.CompareTo(b.Number);
    });

    /// <summary>An agent to pass over unless nobody else is available: the one whose offer just expired.</summary>
    public int Exclude { get; init; } = RoutingTable.NoAgent;

    /// <summary>The waiting entry of a stored conversation that waits (its <see cref="Conversation.Routing"/> is set).</summary>
    public static WaitingConversation Of(Conversation c, int exclude = RoutingTable.NoAgent)
        => new(c.Id, c.Number, c.Routing!.QueuedAt.UtcTicks, c.Routing.Target) { Exclude = exclude };
}
