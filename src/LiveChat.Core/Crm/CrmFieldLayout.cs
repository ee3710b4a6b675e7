using System.Collections.Immutable;

namespace LiveChat.Core.Crm;

/// <summary>Which fields agents see for one kind of CRM record, in order (feature I8). Immutable.</summary>
/// <param name="Kind">The kind of record.</param>
/// <param name="Fields">The fields shown, in order.</param>
public sealed record CrmFieldLayout(CrmRecordKind Kind, ImmutableArray<CrmField> Fields)
{
    /// <summary>The layout used until a workspace sets its own.</summary>
    public static CrmFieldLayout DefaultFor(CrmRecordKind kind) => kind switch
    {
        CrmRecordKind.Lead => new(kind, [CrmField.Name, CrmField.Email, CrmField.Phone, CrmField.Owner]),
        CrmRecordKind.Person => new(kind, [CrmField.Name, CrmField.Email, CrmField.Phone, CrmField.Organization]),
        CrmRecordKind.Organization => new(kind, [CrmField.Name, CrmField.Owner]),
        CrmRecordKind.Deal => new(kind, [CrmField.Name, CrmField.Value, CrmField.Person, CrmField.Organization, CrmField.Owner]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of CRM record."),
    };

    /// <summary>Whether a record of <paramref name="kind"/> has <paramref name="field"/>.</summary>
    public static bool Applies(CrmRecordKind kind, CrmField field) => field switch
    {
        CrmField.Name or CrmField.Owner or CrmField.CreatedAt => true,
        CrmField.Email or CrmField.Phone => kind is CrmRecordKind.Lead or CrmRecordKind.Person,
        CrmField.Organization => kind is not CrmRecordKind.Organization,
        CrmField.Person => kind is CrmRecordKind.Lead or CrmRecordKind.Deal,
        CrmField.Value => kind is CrmRecordKind.Deal,
        _ => false,
    };
}
