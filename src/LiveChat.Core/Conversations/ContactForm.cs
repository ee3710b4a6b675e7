namespace LiveChat.Core.Conversations;

/// <summary>
/// What the visitor typed into a contact form: "introduce yourself" (feature E1) or "leave your contacts and we will
/// notify you" (feature E3). At least one field is needed. Immutable.
/// </summary>
public sealed record ContactForm
{
    /// <summary>The visitor's name; at most 200 characters, control characters become spaces.</summary>
    public string? Name { get; init; }

    /// <summary>The visitor's e-mail address; replies they have not read are e-mailed to it.</summary>
    public string? Email { get; init; }

    /// <summary>The visitor's phone number, in any format; at most 64 characters.</summary>
    public string? Phone { get; init; }
}
