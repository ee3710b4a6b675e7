using LiveChat.Core.Agents;

namespace LiveChat.Core.Crm;

/// <summary>An entry of a record's activity feed (features I7, C9). Immutable.</summary>
public sealed record CrmActivity
{
    /// <summary>The entry's id, given by the CRM; empty before it is stored.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The record whose feed it belongs to.</summary>
    public required CrmRecordId RecordId { get; init; }

    /// <summary>Its type.</summary>
    public required CrmActivityType Type { get; init; }

    /// <summary>When it happened: a chat's start, a note's writing.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When a chat ended (seed 001 lists a chat's start and end); <see langword="null"/> for other entries.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The note, notification, or a chat's first visitor message.</summary>
    public required string Text { get; init; }

    /// <summary>The agent who chatted, wrote or notified.</summary>
    public AgentId? AgentId { get; init; }

    /// <summary>The notified agent, for an owner notification.</summary>
    public AgentId? NotifiedAgentId { get; init; }

    /// <summary>The contact's name, for a chat.</summary>
    public string? ContactName { get; init; }

    /// <summary>A reference to the chat's transcript, such as <c>urn:livechat:acme:conversation:…</c>.</summary>
    public string? TranscriptReference { get; init; }

    /// <summary>A chat's full transcript, as plain text.</summary>
    public string? Transcript { get; init; }
}
