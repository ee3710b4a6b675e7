namespace LiveChat.Core.Crm;

/// <summary>The kind of a CRM record (feature I7).</summary>
public enum CrmRecordKind
{
    /// <summary>A lead.</summary>
    Lead = 0,

    /// <summary>A person (contact).</summary>
    Person = 1,

    /// <summary>An organization (company).</summary>
    Organization = 2,

    /// <summary>A deal.</summary>
    Deal = 3,
}
