using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Crm;

/// <summary>A record to create in the CRM (feature I7). Immutable.</summary>
public sealed record CrmRecordDraft
{
    /// <summary>What to create.</summary>
    public required CrmRecordKind Kind { get; init; }

    /// <summary>The lead's or person's name, the organization's name, or the deal's title.</summary>
    public required string Name { get; init; }

    /// <summary>The e-mail address, as given.</summary>
    public string? Email { get; init; }

    /// <summary>The phone number, in E.164.</summary>
    public string? Phone { get; init; }

    /// <summary>
    /// The owner; when <see langword="null"/>, the next member of <see cref="DistributionGroup"/>, if any. Records the SDK
    /// creates follow one rule: the workspace's lead owner or distribution group, else the agent (features C7, I4, I7).
    /// </summary>
    public AgentId? Owner { get; init; }

    /// <summary>A distribution group whose members take new records in turn (round robin).</summary>
    public string? DistributionGroup { get; init; }

    /// <summary>A deal's value.</summary>
    public Money? Value { get; init; }

    /// <summary>The person a deal or lead is about.</summary>
    public CrmRecordId? PersonId { get; init; }

    /// <summary>The organization a person, deal or lead belongs to.</summary>
    public CrmRecordId? OrganizationId { get; init; }

    /// <summary>The conversation it is created from ("added from chat", seed 001); <see langword="null"/> for a record made otherwise.</summary>
    public CrmRecordOrigin? Origin { get; init; }
}
