using System.Collections.Immutable;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Internal;

/// <summary>
/// Pure decisions about ownership: given a snapshot, what the conversation becomes, or why it cannot. The store then
/// applies the decision atomically, re-checking the agent's availability and capacity.
/// </summary>
internal static class AssignmentDecision
{
    /// <summary>Gives the conversation to <paramref name="agent"/>; <see langword="null"/> when they own it already.</summary>
    /// <param name="commands">The write path, for the clock and system messages.</param>
    /// <param name="c">The current snapshot.</param>
    /// <param name="agent">The agent to own it.</param>
    /// <param name="claim">A claim (only an unowned conversation) rather than an assignment (which may take it from another agent).</param>
    public static ConversationCommands.Change? Assign(ConversationCommands commands, Conversation c, Agent agent, bool claim)
    {
        if (c.State == ConversationState.Ended)
        {
            throw new ConversationEndedException(c.Id, ConversationTrigger.Assign);
        }

        if (c.State == ConversationState.Assigned && c.AssignedAgentId is { } owner)
        {
            if (owner == agent.Id)
            {
                return null;
            }

            if (claim)
            {
                throw new ConversationAlreadyClaimedException(c.Id, owner);
            }
        }

        var next = ConversationLifecycle.Next(c.State, ConversationTrigger.Assign);
        if (agent.Status != AgentStatus.Online)
        {
            throw new AgentNotAvailableException(agent.Id, agent.Status);
        }

        var now = commands.Time.GetUtcNow();
        var previous = c.State == ConversationState.Assigned ? LastOf(c.Participants, c.AssignedAgentId) : null;
        var message = previous is null
            ? commands.SystemMessage(c, SystemEvent.AgentJoined, SystemText.AgentJoined, agent.DisplayName)
            : commands.SystemMessage(c, SystemEvent.Reassigned, SystemText.Reassigned, previous.DisplayName, agent.DisplayName);
        var participants = LastOf(c.Participants, agent.Id) is not null
            ? c.Participants
            : c.Participants.Add(new Participant(SenderKind.Agent, agent.DisplayName, agent.Id, now));
        var updated = c with
        {
            State = next,
            AssignedAgentId = agent.Id,
            Routing = c.Routing is { Offer: { } offer } routing ? routing with { Offer = null, PreviousOffer = offer } : c.Routing,
            CounterpartName = agent.DisplayName,
            Participants = participants,
        };
        var presence = commands.Options.Routing;
        return new ConversationCommands.Change(updated, [message])
        {
            // The store checks the heartbeat in the same transaction, so a silent agent never receives the conversation.
            OwnerPresence = presence.PresenceRequired ? new PresenceRequirement(commands.Time, presence.PresenceTimeout) : null,
        };
    }

    /// <summary>The agent's latest entry among the participants, if any (a loop: this runs once per assignment, a drain's hot path).</summary>
    private static Participant? LastOf(ImmutableArray<Participant> participants, AgentId? agentId)
    {
        for (var i = participants.Length - 1; i >= 0; i--)
        {
            if (participants[i].AgentId == agentId)
            {
                return participants[i];
            }
        }

        return null;
    }

    /// <summary>Ends the conversation. The last owner stays recorded on it; their capacity is freed.</summary>
    public static ConversationCommands.Change End(ConversationCommands commands, Conversation c)
    {
        if (c.State == ConversationState.Ended)
        {
            throw new ConversationEndedException(c.Id, ConversationTrigger.End);
        }

        var next = ConversationLifecycle.Next(c.State, ConversationTrigger.End);
        // An offer pending when the conversation ends can never be accepted: it goes with the end, so routing gives the
        // offered agent's seat back and tells them it was withdrawn (feature R7).
        var routing = c.Routing is { Offer: not null } offered ? offered with { Offer = null } : c.Routing;
        var updated = c with { State = next, EndedAt = commands.Time.GetUtcNow(), Routing = routing };
        return new ConversationCommands.Change(updated, [commands.SystemMessage(c, SystemEvent.Ended, SystemText.ConversationEnded)]);
    }
}
