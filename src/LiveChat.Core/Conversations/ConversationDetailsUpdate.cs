namespace LiveChat.Core.Conversations;

/// <summary>Changes to the details panel (feature C7). A <see langword="null"/> property leaves that field as it is.</summary>
public sealed record ConversationDetailsUpdate
{
    /// <summary>The deal's value.</summary>
    public Money? DealValue { get; init; }

    /// <summary>The person's name; at most 200 characters.</summary>
    public string? PersonName { get; init; }

    /// <summary>The organization's name; at most 200 characters.</summary>
    public string? OrganizationName { get; init; }
}
