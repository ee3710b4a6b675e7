using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Crm;

/// <summary>A CRM record: lead, person, organization or deal (feature I7). Immutable.</summary>
public sealed record CrmRecord
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The record's id.</summary>
    public required CrmRecordId Id { get; init; }

    /// <summary>What it is.</summary>
    public required CrmRecordKind Kind { get; init; }

    /// <summary>Name or title.</summary>
    public required string Name { get; init; }

    /// <summary>The e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>The phone number, in E.164.</summary>
    public string? Phone { get; init; }

    /// <summary>Who the record is assigned to, notified by "notify sales" (feature I7).</summary>
    public AgentId? Owner { get; init; }

    /// <summary>A deal's value.</summary>
    public Money? Value { get; init; }

    /// <summary>The person a deal or lead is about.</summary>
    public CrmRecordId? PersonId { get; init; }

    /// <summary>The organization.</summary>
    public CrmRecordId? OrganizationId { get; init; }

    /// <summary>The conversation it was added from (seed 001); <see langword="null"/> for a record not made from a chat.</summary>
    public CrmRecordOrigin? Origin { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
