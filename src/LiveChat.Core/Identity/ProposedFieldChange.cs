namespace LiveChat.Core.Identity;

/// <summary>
/// A value that differs from the contact's, or from its CRM record's <c>email</c> or <c>phone</c>, reported instead of
/// overwritten (feature I3). Immutable.
/// </summary>
/// <param name="Name">The field.</param>
/// <param name="Current">The value kept.</param>
/// <param name="Proposed">The conversation's value.</param>
public sealed record ProposedFieldChange(string Name, string Current, string Proposed);
