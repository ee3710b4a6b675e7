using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using LiveChat.Core.Agents;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Conversations;

/// <summary>A conversation between a website visitor, the bot and at most one agent at a time.</summary>
/// <remarks>
/// An immutable snapshot: every change produces a new instance with a higher <see cref="Version"/>. Thread-safe.
/// Stores persist every property; hosts read them. Equality is by value, the lists element by element, so a conversation
/// read back from a store or from another silo (X7) equals the one written.
/// </remarks>
public sealed record Conversation
{
    /// <summary>The workspace the conversation belongs to.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The conversation's id.</summary>
    public required ConversationId Id { get; init; }

    /// <summary>The conversation number shown to visitor and agent: 1, 2, 3… per workspace, without gaps (feature C2).</summary>
    public long Number { get; init; }

    /// <summary>Where the conversation is in its lifecycle.</summary>
    public ConversationState State { get; init; }

    /// <summary>
    /// The optimistic-concurrency version: 1 when created, one more on every change of state, assignment or details.
    /// Posting a message does not change it.
    /// </summary>
    public long Version { get; init; }

    /// <summary>The channel the visitor wrote on, such as <c>webchat</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The visitor's display name, or a placeholder until they introduce themselves.</summary>
    public required string VisitorName { get; init; }

    /// <summary>
    /// The SHA-256 hash (lower-case hex) of the visitor's access token. The token itself is never stored; it is given once,
    /// to the visitor, when the conversation starts.
    /// </summary>
    public required string VisitorTokenHash { get; init; }

    /// <summary>The name the visitor sees for the other side: the bot's name, then the assigned agent's (feature C4).</summary>
    public required string CounterpartName { get; init; }

    /// <summary>The agent who owns the conversation, when <see cref="State"/> is <see cref="ConversationState.Assigned"/>.</summary>
    public AgentId? AssignedAgentId { get; init; }

    /// <summary>When the conversation started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the conversation ended, once it has.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The sequence number of the last message; 0 when there is none.</summary>
    public long LastSequence { get; init; }

    /// <summary>Everyone who has taken part, in the order they joined (feature C9).</summary>
    public ImmutableArray<Participant> Participants { get; init; } = [];

    /// <summary>The details panel (feature C7).</summary>
    public ConversationDetails Details { get; init; } = ConversationDetails.Empty;

    /// <summary>
    /// Where the conversation is routed and since when it waits, once the visitor asked for an agent; the live offer in
    /// <see cref="RoutingMode.Offer"/> mode (features R4–R7). <see langword="null"/> before the first request.
    /// </summary>
    public RoutingTicket? Routing { get; init; }

    /// <summary>Leads, deals and other records created from this conversation (feature C7).</summary>
    public ImmutableArray<CreatedResult> CreatedResults { get; init; } = [];

    /// <summary>Whether every property is equal, <see cref="Participants"/> and <see cref="CreatedResults"/> element by element.</summary>
    /// <param name="other">The conversation to compare with.</param>
    public bool Equals(Conversation? other) => ReferenceEquals(this, other) || (other is not null
        && Workspace == other.Workspace && Id == other.Id && Number == other.Number && State == other.State && Version == other.Version
        && Channel == other.Channel && VisitorName == other.VisitorName && VisitorTokenHash == other.VisitorTokenHash
        && CounterpartName == other.CounterpartName && AssignedAgentId == other.AssignedAgentId && StartedAt == other.StartedAt
        && EndedAt == other.EndedAt && LastSequence == other.LastSequence && ValueLists.Equal(Participants, other.Participants)
        && Details == other.Details && Routing == other.Routing && ValueLists.Equal(CreatedResults, other.CreatedResults));

    /// <summary>A hash of the identity and version, the same for equal conversations.</summary>
    public override int GetHashCode() => HashCode.Combine(Workspace, Id, Version, State, LastSequence);

    /// <summary>
    /// The members <see cref="ToString"/> shows: every one, with <see cref="VisitorTokenHash"/> redacted (a conversation
    /// written to a log must not carry what authorizes the visitor's calls inside the SDK), and the lists by their counts.
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Workspace = {Workspace}, Id = {Id}, Number = {Number}, State = {State}, Version = {Version}, Channel = {Channel}, ");
        builder.Append(CultureInfo.InvariantCulture,
            $"VisitorName = {VisitorName}, VisitorTokenHash = (redacted), CounterpartName = {CounterpartName}, AssignedAgentId = {AssignedAgentId}, ");
        builder.Append(CultureInfo.InvariantCulture,
            $"StartedAt = {StartedAt:O}, EndedAt = {EndedAt:O}, LastSequence = {LastSequence}, Participants = {Participants.Length}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Details = {Details}, Routing = {Routing}, CreatedResults = {CreatedResults.Length}");
        return true;
    }
}
