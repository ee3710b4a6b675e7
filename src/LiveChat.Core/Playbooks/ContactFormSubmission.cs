namespace LiveChat.Core.Playbooks;

/// <summary>What the visitor typed into the contact form (features P7, E1). At least one value is required. Immutable.</summary>
public sealed record ContactFormSubmission
{
    /// <summary>The visitor's name, at most 200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>The visitor's e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>The visitor's phone number, in any format the workspace's region parses.</summary>
    public string? Phone { get; init; }
}
