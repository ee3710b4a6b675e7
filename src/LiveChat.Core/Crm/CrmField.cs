namespace LiveChat.Core.Crm;

/// <summary>A field of a CRM record that a layout can show to agents (feature I8).</summary>
public enum CrmField
{
    /// <summary>Name or title.</summary>
    Name = 0,

    /// <summary>E-mail address (leads and persons).</summary>
    Email = 1,

    /// <summary>Phone number (leads and persons).</summary>
    Phone = 2,

    /// <summary>Owner.</summary>
    Owner = 3,

    /// <summary>Organization (leads, persons, deals).</summary>
    Organization = 4,

    /// <summary>Person (leads, deals).</summary>
    Person = 5,

    /// <summary>Value (deals).</summary>
    Value = 6,

    /// <summary>Creation time.</summary>
    CreatedAt = 7,
}
