using System.Collections.Immutable;
using System.Reflection;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Ids;

/// <summary>
/// A conversation read back from a store or from another silo (X7) carries its lists as new arrays: it equals the one
/// written when every value is the same, and differs when any one value differs, the lists compared element by element.
/// </summary>
public sealed class ConversationEqualityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly Conversation Original = new()
    {
        Workspace = new("acme"), Id = new(Guid.Parse("7b0c1f52-3f3e-4a55-9a4e-4c1d2b8f0a11")), Number = 7, State = ConversationState.Assigned,
        Version = 4, Channel = "web", VisitorName = "Ann", VisitorTokenHash = "hash", CounterpartName = "Bob", AssignedAgentId = new("bob"),
        StartedAt = At, EndedAt = null, LastSequence = 3,
        Participants = [new(SenderKind.Visitor, "Ann", null, At), new(SenderKind.Agent, "Bob", new("bob"), At.AddMinutes(1))],
        Details = new() { PersonName = "Ann Lee", Notes = [new(new("bob"), "call back", At)], Tags = ["vip", "de"], DealValue = new(12.5m, "EUR") },
        Routing = new(new RoutingTarget(RoutingTargetKind.Workspace), At),
        CreatedResults = [new(CreatedResultKind.Lead, "lead-1", "Ann's lead", new("bob"), At)],
    };

    /// <summary>One change per property of <see cref="Conversation"/>, each to a different value.</summary>
    private static readonly Dictionary<string, Func<Conversation, Conversation>> ConversationChanges = new()
    {
        [nameof(Conversation.Workspace)] = c => c with { Workspace = new("globex") },
        [nameof(Conversation.Id)] = c => c with { Id = new(Guid.NewGuid()) },
        [nameof(Conversation.Number)] = c => c with { Number = 8 },
        [nameof(Conversation.State)] = c => c with { State = ConversationState.Ended },
        [nameof(Conversation.Version)] = c => c with { Version = 5 },
        [nameof(Conversation.Channel)] = c => c with { Channel = "email" },
        [nameof(Conversation.VisitorName)] = c => c with { VisitorName = "Anne" },
        [nameof(Conversation.VisitorTokenHash)] = c => c with { VisitorTokenHash = "other" },
        [nameof(Conversation.CounterpartName)] = c => c with { CounterpartName = "Carol" },
        [nameof(Conversation.AssignedAgentId)] = c => c with { AssignedAgentId = null },
        [nameof(Conversation.StartedAt)] = c => c with { StartedAt = At.AddSeconds(1) },
        [nameof(Conversation.EndedAt)] = c => c with { EndedAt = At },
        [nameof(Conversation.LastSequence)] = c => c with { LastSequence = 4 },
        [nameof(Conversation.Participants)] = c => c with { Participants = [c.Participants[0]] },
        [nameof(Conversation.Details)] = c => c with { Details = c.Details with { Tags = ["vip"] } },
        [nameof(Conversation.Routing)] = c => c with { Routing = null },
        [nameof(Conversation.CreatedResults)] = c => c with { CreatedResults = [c.CreatedResults[0] with { Title = "Ann's deal" }] },
    };

    /// <summary>One change per property of <see cref="ConversationDetails"/>.</summary>
    private static readonly Dictionary<string, Func<ConversationDetails, ConversationDetails>> DetailsChanges = new()
    {
        [nameof(ConversationDetails.DealValue)] = d => d with { DealValue = new(13m, "EUR") },
        [nameof(ConversationDetails.PersonName)] = d => d with { PersonName = "Ann" },
        [nameof(ConversationDetails.OrganizationName)] = d => d with { OrganizationName = "Acme" },
        [nameof(ConversationDetails.Notes)] = d => d with { Notes = [] },
        [nameof(ConversationDetails.Qualified)] = d => d with { Qualified = true },
        [nameof(ConversationDetails.Tags)] = d => d with { Tags = ["de", "vip"] },
    };

    [Fact]
    public void Equals_SameValuesInNewLists_IsEqualWithTheSameHashCode()
    {
        var copy = Copy(Original);

        copy.Participants.Should().NotBeSameAs(Original.Participants);
        copy.Should().Be(Original);
        (copy == Original).Should().BeTrue();
        copy.GetHashCode().Should().Be(Original.GetHashCode());
        copy.Details.GetHashCode().Should().Be(Original.Details.GetHashCode());
    }

    [Fact]
    public void Equals_DefaultAndEmptyLists_AreEqual()
    {
        var empty = Original with { Participants = [], CreatedResults = [], Details = ConversationDetails.Empty };

        (empty with { Participants = default, CreatedResults = default, Details = new() { Notes = default, Tags = default } })
            .Should().Be(empty);
    }

    [Fact]
    public void Equals_AnyOnePropertyDiffers_IsNotEqual()
    {
        ConversationChanges.Keys.Should().BeEquivalentTo(Properties<Conversation>(), "every property of a conversation takes part in its equality");
        DetailsChanges.Keys.Should().BeEquivalentTo(Properties<ConversationDetails>(), "every property of the details takes part in their equality");

        foreach (var (name, change) in ConversationChanges)
        {
            change(Copy(Original)).Should().NotBe(Original, name);
        }

        foreach (var (name, change) in DetailsChanges)
        {
            change(Copy(Original).Details).Should().NotBe(Original.Details, name);
        }
    }

    private static IEnumerable<string> Properties<T>()
        => typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);

    /// <summary>The same values in new lists, as a deserializer makes them.</summary>
    private static Conversation Copy(Conversation c) => c with
    {
        Participants = [.. c.Participants.Select(p => p with { })],
        CreatedResults = [.. c.CreatedResults.Select(r => r with { })],
        Details = c.Details with { Notes = [.. c.Details.Notes.Select(n => n with { })], Tags = ImmutableArray.CreateRange(c.Details.Tags.Select(t => new string(t))) },
    };
}
