using System.Collections.Immutable;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Conversations;

/// <summary>The details panel an agent fills in while qualifying the visitor (feature C7). Immutable; equal by value, the lists element by element.</summary>
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

    /// <summary>Whether every property is equal, <see cref="Notes"/> and <see cref="Tags"/> element by element.</summary>
    /// <param name="other">The details to compare with.</param>
    public bool Equals(ConversationDetails? other) => ReferenceEquals(this, other) || (other is not null
        && DealValue == other.DealValue && PersonName == other.PersonName && OrganizationName == other.OrganizationName
        && Qualified == other.Qualified && ValueLists.Equal(Notes, other.Notes) && ValueLists.Equal(Tags, other.Tags));

    /// <summary>A hash of the scalar properties and the lists' lengths, the same for equal details.</summary>
    public override int GetHashCode()
        => HashCode.Combine(DealValue, PersonName, OrganizationName, Qualified, Notes.IsDefault ? 0 : Notes.Length, Tags.IsDefault ? 0 : Tags.Length);
}
