namespace LiveChat.Core.Tests.Scenarios.Identity.Journeys;

/// <summary>One labelled cross-channel journey: people, their conversations, and who each one really is.</summary>
/// <param name="Kind">The fault kind of issue 12 it exercises.</param>
/// <param name="Region">The workspace's default phone region.</param>
/// <param name="Visits">Conversations in order.</param>
internal sealed record IdentityJourney(string Kind, string Region, IReadOnlyList<JourneyVisit> Visits);

/// <summary>
/// One conversation of a journey. <paramref name="Impostor"/> marks a person typing someone else's value: such a
/// conversation may be filed under the victim (history hidden), so it is left out of false merges and recall, and counted
/// in impostor views instead.
/// </summary>
internal sealed record JourneyVisit(int Person, string Channel, string? Handle, IReadOnlyList<JourneyCall> Calls, TimeSpan After, bool Impostor = false);

/// <summary>
/// One identify call. <paramref name="Keys"/> names, by construction, the personal values the call carries, whatever their
/// spelling (<c>p3:phone</c>): values only that person ever holds. Shared, recycled, role, placeholder and mistyped values
/// have no key.
/// </summary>
internal sealed record JourneyCall(string? Name, string? Email, string? Phone, params string[] Keys);
