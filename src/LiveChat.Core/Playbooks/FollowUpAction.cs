using System.Text.Json.Serialization;

namespace LiveChat.Core.Playbooks;

/// <summary>One action of a <see cref="FollowUpActionsCard"/>. In JSON the <c>type</c> property says which. Immutable.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(CreateLeadAction), "createLead")]
[JsonDerivedType(typeof(CreateDealAction), "createDeal")]
[JsonDerivedType(typeof(CreateActivityAction), "createActivity")]
[JsonDerivedType(typeof(TagAction), "tag")]
[JsonDerivedType(typeof(AssignToTeamAction), "assignToTeam")]
public abstract record FollowUpAction;
