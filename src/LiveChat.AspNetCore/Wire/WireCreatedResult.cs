namespace LiveChat.AspNetCore.Wire;

/// <summary>A lead, deal or other record created from a conversation (feature C7). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="Kind"><c>Lead</c>, <c>Deal</c> or another kind.</param>
/// <param name="ExternalId">The record's id in the CRM.</param>
/// <param name="Title">Its title.</param>
/// <param name="CreatedBy">The agent who created it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record WireCreatedResult(
    string Kind,
    string ExternalId,
    string Title,
    string CreatedBy,
    DateTimeOffset CreatedAt);
