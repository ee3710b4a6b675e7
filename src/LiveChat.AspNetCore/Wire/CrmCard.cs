namespace LiveChat.AspNetCore.Wire;

/// <summary>A CRM record with the fields of its layout (features C7, I8); agents only. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="RecordId">The record id.</param>
/// <param name="Kind"><c>Person</c>, <c>Organization</c>, <c>Lead</c> or <c>Deal</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="OwnerId">The owning agent, if any.</param>
/// <param name="Fields">The fields in the workspace's layout order.</param>
public sealed record CrmCard(
    string RecordId,
    string Kind,
    string Name,
    string? OwnerId,
    IReadOnlyList<CrmCardField> Fields);
