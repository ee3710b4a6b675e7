using System.Collections.Immutable;

namespace LiveChat.Core.Conversations;

/// <summary>The details panel an agent fills in while qualifying the visitor (feature C7). Immutable.</summary>
public sealed record ConversationDetails
{
    /// <summary>No details yet.</summary>
    public static ConversationDetails Empty { get; } = new();

    /// <summary>The value of the deal under discussion.</summary>
    public Money? DealValue { get; init; }

    /// <summary>The person's name.</summary>
    public string? PersonName { get; init; }

    /// <summary>The organization's name.</summary>
    public string? OrganizationName { get; init; }

    /// <summary>Agents' notes, oldest first.</summary>
    public ImmutableArray<ConversationNote> Notes { get; init; } = [];

    /// <summary>Whether the playbook qualified the visitor as a lead (feature P6); <see langword="null"/> until a qualification card ran.</summary>
    public bool? Qualified { get; init; }

    /// <summary>Tags set by the playbook's follow-up actions (feature P6), in the order added, each once.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];
}
