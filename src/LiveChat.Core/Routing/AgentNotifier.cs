using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Routing;

/// <summary>
/// Tells one workspace's agents what routing did that concerns them (features N1, R5, R7, R8; seed 000): offers made
/// and withdrawn, new requests and their claim by someone else, conversations gained, lost and ended, and visitors'
/// new messages. Requests that wait for a claim are announced to every eligible agent once, including agents who
/// become eligible while the request waits.
/// </summary>
/// <remarks>
/// The methods that add to a list decide only, and are used under the workspace router's lock; the notifications are
/// published afterwards, off the lock, with <see cref="PublishAsync"/>, in the order they were added.
/// </remarks>
internal sealed class AgentNotifier(EventDispatcher events, WorkspaceId workspace)
{
    /// <summary>The agents told of each pending request, when requests wait for a claim.</summary>
    private readonly Dictionary<ConversationId, List<AgentId>> _alerts = [];

    /// <summary>The table's <see cref="RoutingTable.Openings"/> when waiting requests were last announced.</summary>
    private long _announcedOpenings;

    /// <summary>The offer of the conversation changed: the agent who lost it and the agent who got it hear of it.</summary>
    public static void OfferChanged(Conversation after, RoutingOffer? offerBefore, RoutingOffer? offerAfter, AgentId? ownerAfter, DateTimeOffset now, List<AgentNotification> into)
    {
        if (offerBefore is not null && offerBefore.Token != offerAfter?.Token && ownerAfter != offerBefore.AgentId)
        {
            // No offer: its token, dead now, is for the agent who may accept it, and only the Offered notification carries it.
            into.Add(Notify(after, offerBefore.AgentId, AgentNotificationKind.OfferWithdrawn, now));
        }

        if (offerAfter is not null && offerAfter.Token != offerBefore?.Token)
        {
            into.Add(Notify(after, offerAfter.AgentId, AgentNotificationKind.Offered, now) with { Offer = offerAfter });
        }
    }

    /// <summary>A new request waits for a claim: every agent in <paramref name="alerted"/> hears of it, and is remembered.</summary>
    public void RequestWaiting(Conversation after, List<AgentId> alerted, DateTimeOffset now, List<AgentNotification> into)
    {
        _alerts[after.Id] = alerted;
        foreach (var agent in alerted)
        {
            into.Add(Notify(after, agent, AgentNotificationKind.NewRequest, now));
        }
    }

    /// <summary>The conversation no longer waits: the agents told of it, but its new owner, hear it was taken.</summary>
    public void RequestTaken(Conversation after, AgentId? ownerAfter, DateTimeOffset now, List<AgentNotification> into)
    {
        if (_alerts.Remove(after.Id, out var alerted))
        {
            foreach (var agent in alerted)
            {
                if (agent != ownerAfter)
                {
                    into.Add(Notify(after, agent, AgentNotificationKind.RequestTaken, now));
                }
            }
        }
    }

    /// <summary>The owner changed or the conversation ended: the agent who gained it, the one who lost it, and its last owner hear of it.</summary>
    public static void OwnerChanged(Conversation before, Conversation after, AgentId? ownerBefore, AgentId? ownerAfter, DateTimeOffset now, List<AgentNotification> into)
    {
        if (ownerBefore != ownerAfter)
        {
            if (ownerAfter is { } gained)
            {
                into.Add(Notify(after, gained, ownerBefore is null ? AgentNotificationKind.Assigned : AgentNotificationKind.ReassignedToYou, now));
            }

            if (ownerBefore is { } lost && after.State != ConversationState.Ended)
            {
                into.Add(Notify(after, lost, AgentNotificationKind.ReassignedAway, now));
            }
        }

        if (after.State == ConversationState.Ended && before.State != ConversationState.Ended && ownerBefore is { } last)
        {
            into.Add(Notify(after, last, AgentNotificationKind.Ended, now));
        }
    }

    /// <summary>
    /// Tells each agent who has become eligible since the last look (came online or back to life, had a seat freed,
    /// joined a team) of the requests still waiting for them, oldest first. Each agent hears of a request once, and the
    /// claim withdraws it from every agent told (<see cref="AgentNotificationKind.RequestTaken"/>).
    /// </summary>
    public void Announce(RoutingTable table, Backlog backlog, DateTimeOffset now, List<AgentNotification> into)
    {
        if (table.Openings == _announcedOpenings)
        {
            return;
        }

        _announcedOpenings = table.Openings;
        foreach (var waiting in backlog)
        {
            if (!_alerts.TryGetValue(waiting.Id, out var told))
            {
                _alerts[waiting.Id] = told = [];
            }

            foreach (var agent in table.AvailableFor(waiting.Target))
            {
                if (!told.Contains(agent))
                {
                    told.Add(agent);
                    into.Add(new AgentNotification(workspace, waiting.Id, agent, AgentNotificationKind.NewRequest, now));
                }
            }
        }
    }

    /// <summary>What the owner of the conversation hears of a visitor's new message (feature N1); <see langword="null"/> for any other message.</summary>
    public static AgentNotification? NewMessage(Conversation conversation, ChatMessage message)
        => TellsOwner(conversation, message) && conversation.AssignedAgentId is { } owner
            ? Notify(conversation, owner, AgentNotificationKind.NewMessage, message.SentAt) with { MessageSequence = message.Sequence }
            : null;

    /// <summary>Whether <see cref="NewMessage"/> tells the owner of <paramref name="message"/>: a visitor's, in a conversation an agent holds.</summary>
    public static bool TellsOwner(Conversation conversation, ChatMessage message)
        => message.Sender.Kind == SenderKind.Visitor && conversation.State == ConversationState.Assigned && conversation.AssignedAgentId is not null;

    /// <summary>Publishes the notifications, in order.</summary>
    public async ValueTask PublishAsync(List<AgentNotification>? notifications, CancellationToken cancellationToken)
    {
        if (notifications is null)
        {
            return;
        }

        foreach (var notification in notifications)
        {
            await events.PublishAsync(notification, cancellationToken).ConfigureAwait(false);
        }
    }

    private static AgentNotification Notify(Conversation c, AgentId agent, AgentNotificationKind kind, DateTimeOffset now)
        => new(c.Workspace, c.Id, agent, kind, now);
}
