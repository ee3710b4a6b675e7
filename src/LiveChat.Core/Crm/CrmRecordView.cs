namespace LiveChat.Core.Crm;

/// <summary>A CRM record shown through its field layout (feature I8). Immutable.</summary>
/// <param name="Record">The record.</param>
/// <param name="Fields">The layout's fields with their values, in the layout's order.</param>
public sealed record CrmRecordView(CrmRecord Record, IReadOnlyList<CrmFieldValue> Fields);
