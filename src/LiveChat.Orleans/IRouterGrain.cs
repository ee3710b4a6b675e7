using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Orleans;

/// <summary>
/// The single routing decision-maker of one workspace in the cluster (feature X7), keyed by the workspace id: every
/// silo's <see cref="IRoutingPort"/> sends it what its process stored. The calls mirror <see cref="IRoutingPort"/>.
/// </summary>
[Alias("livechat.router")]
internal interface IRouterGrain : IGrainWithStringKey
{
    /// <summary>Whether anyone eligible for <paramref name="target"/> can take a conversation now, or why the target is invalid.</summary>
    [Alias("available")]
    Task<RouterAvailability> IsAvailableAsync(RoutingTarget target);

    /// <summary>The agents a request for <paramref name="target"/> would be given to now (empty when the team is not defined).</summary>
    [Alias("availableFor")]
    Task<AgentId[]> AvailableForAsync(RoutingTarget target);

    /// <summary>A team was defined or changed in the store.</summary>
    [Alias("team")]
    Task TeamDefinedAsync(Team team);

    /// <summary>An agent was registered, changed status or sent a heartbeat.</summary>
    [Alias("agent")]
    Task AgentChangedAsync(Agent agent);

    /// <summary>A change of a conversation was stored.</summary>
    [Alias("observe")]
    Task ObserveAsync(Conversation before, Conversation after);

    /// <summary>A message was stored.</summary>
    [Alias("message")]
    Task MessagePostedAsync(Conversation conversation, ChatMessage message);

    /// <summary>
    /// The due item of the conversation's offer came due: ends the offer if its lease has run out. Returns the instant the
    /// stored offer still runs to when it has not (by this grain's clock), else null.
    /// </summary>
    [Alias("offerDue")]
    Task<DateTimeOffset?> OfferDueAsync(ConversationId conversationId);
}
