namespace LiveChat.Core.Crm;

/// <summary>Identifies a record in the CRM: its id there. Immutable.</summary>
/// <param name="Value">The CRM's id.</param>
public readonly record struct CrmRecordId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
