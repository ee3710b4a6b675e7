using System.Collections.Immutable;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Identity;

/// <summary>
/// One person as the identity graph knows them: identifiers, attached conversations, fields with their sources, and the
/// CRM record they are filed under (features I1–I5). An immutable snapshot; thread-safe.
/// </summary>
public sealed record Contact
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The contact's id.</summary>
    public required ContactId Id { get; init; }

    /// <summary>When the contact was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Linked identifiers, oldest first.</summary>
    public ImmutableArray<LinkedIdentifier> Identifiers { get; init; } = [];

    /// <summary>Attached conversations, oldest first.</summary>
    public ImmutableArray<ContactConversation> Conversations { get; init; } = [];

    /// <summary>Fields, each with its source and time, in the order first recorded.</summary>
    public ImmutableArray<ContactField> Fields { get; init; } = [];

    /// <summary>The CRM record (lead, person) the contact is filed under, once there is one.</summary>
    public CrmRecordId? CrmRecord { get; init; }

    /// <summary>The contact this one was merged into; a merged contact is kept unchanged so that the merge can be undone.</summary>
    public ContactId? MergedInto { get; init; }

    /// <summary>Set once the contact was erased (feature X9); everything personal is gone then.</summary>
    public ErasureSummary? Erasure { get; init; }

    /// <summary>The <c>name</c> field, or empty.</summary>
    public string Name => Field("name")?.Value ?? string.Empty;

    /// <summary>Whether the contact takes part in matching: neither merged nor erased.</summary>
    public bool IsActive => MergedInto is null && Erasure is null;

    /// <summary>The field named <paramref name="name"/>, if recorded.</summary>
    public ContactField? Field(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The linked identifier naming the same thing as <paramref name="identifier"/>, if any.</summary>
    public LinkedIdentifier? Find(ContactIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        foreach (var linked in Identifiers)
        {
            if (linked.Identifier.SameAs(identifier))
            {
                return linked;
            }
        }

        return null;
    }
}
