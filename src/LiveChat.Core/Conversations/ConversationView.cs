using System.Collections.Immutable;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Conversations;

/// <summary>
/// What the workspace's agents see of a conversation in an event (feature N2): who, where in the lifecycle, who owns it,
/// whether it waits in the queue and whether an offer is pending. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// A view, not the stored record: it never carries the visitor's token hash or an offer's fencing token. It carries the
/// stored <see cref="Version"/> as an ordering stamp, so a client that gets views by several paths keeps the newest (an
/// offer's token may equal a version it once had, but accepting an offer also needs to be its addressed agent). Nor does it carry the details panel (notes, deal value) or the created results: agents read those with
/// <see cref="ConversationService.GetAsync"/>, so a view forwarded to the wrong connection by mistake leaks no note.
/// </para>
/// <para>
/// For the workspace's agents only: it names the agents, the queue target and the visitor's name as the agents know it.
/// Forward <see cref="ToVisitorView"/> to the visitor of the conversation instead.
/// </para>
/// </remarks>
public sealed record ConversationView
{
    /// <inheritdoc cref="Conversation.Workspace"/>
    public required WorkspaceId Workspace { get; init; }

    /// <inheritdoc cref="Conversation.Id"/>
    public required ConversationId Id { get; init; }

    /// <inheritdoc cref="Conversation.Number"/>
    public long Number { get; init; }

    /// <inheritdoc cref="Conversation.State"/>
    public ConversationState State { get; init; }

    /// <inheritdoc cref="Conversation.Channel"/>
    public required string Channel { get; init; }

    /// <inheritdoc cref="Conversation.VisitorName"/>
    public required string VisitorName { get; init; }

    /// <inheritdoc cref="Conversation.CounterpartName"/>
    public required string CounterpartName { get; init; }

    /// <inheritdoc cref="Conversation.AssignedAgentId"/>
    public AgentId? AssignedAgentId { get; init; }

    /// <inheritdoc cref="Conversation.StartedAt"/>
    public DateTimeOffset StartedAt { get; init; }

    /// <inheritdoc cref="Conversation.EndedAt"/>
    public DateTimeOffset? EndedAt { get; init; }

    /// <inheritdoc cref="Conversation.LastSequence"/>
    public long LastSequence { get; init; }

    /// <summary>
    /// The stored version this view was taken at (<see cref="Conversation.Version"/>): it grows with every change of the
    /// conversation, so of two views of one conversation the one with the higher version is the newer. A push that arrives
    /// after a reply (or another push) with a higher version is stale: ignore it. 0 only in a view built by hand.
    /// </summary>
    public long Version { get; init; }

    /// <inheritdoc cref="Conversation.Participants"/>
    public ImmutableArray<Participant> Participants { get; init; } = [];

    /// <summary>
    /// Where the request waits, when the conversation is <see cref="ConversationState.Unassigned"/> after the visitor asked
    /// for an agent (features R4–R6); <see langword="null"/> otherwise.
    /// </summary>
    public RoutingTarget? QueuedFor { get; init; }

    /// <summary>Since when it waits; a requeued conversation keeps its first time (feature R6). Set with <see cref="QueuedFor"/>.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>The offer waiting for its agent's answer, in <see cref="RoutingMode.Offer"/> mode (feature R7), without its token.</summary>
    public PendingOffer? PendingOffer { get; init; }

    /// <summary>What the visitor of this conversation may see of it: forward this, never the agents' view, to visitor connections.</summary>
    public VisitorConversationView ToVisitorView() => new(Id, Number, State, CounterpartName, StartedAt, EndedAt, LastSequence) { Version = Version };

    /// <summary>The one mapping from the stored record to the view events carry.</summary>
    internal static ConversationView From(Conversation conversation)
    {
        var queue = conversation.State == ConversationState.Unassigned ? conversation.Routing : null;
        return new ConversationView
        {
            Workspace = conversation.Workspace,
            Id = conversation.Id,
            Number = conversation.Number,
            State = conversation.State,
            Channel = conversation.Channel,
            VisitorName = conversation.VisitorName,
            CounterpartName = conversation.CounterpartName,
            AssignedAgentId = conversation.AssignedAgentId,
            StartedAt = conversation.StartedAt,
            EndedAt = conversation.EndedAt,
            LastSequence = conversation.LastSequence,
            Version = conversation.Version,
            Participants = conversation.Participants,
            QueuedFor = queue?.Target,
            QueuedAt = queue?.QueuedAt,
            PendingOffer = queue?.Offer is { } offer ? PendingOffer.From(offer) : null,
        };
    }
}
