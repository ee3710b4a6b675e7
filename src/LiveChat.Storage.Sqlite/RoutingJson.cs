using System.Collections.Immutable;
using System.Text.Json;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// The JSON of a conversation's routing ticket and of an agent's teams. <see cref="StoreJson.Options"/> has no converter
/// for <see cref="TeamId"/> (it would be written as <c>{"Value":…}</c> and read back as a default id, which
/// <see cref="RoutingTarget"/> refuses), so the target goes through a small DTO that writes a team as its key: the
/// shape is the one <see cref="StoreJson.Options"/> would write given a TeamId converter, so rows stay readable if the
/// core gains one.
/// </summary>
internal static class RoutingJson
{
    public static string? Serialize(RoutingTicket? ticket)
        => ticket is null ? null : JsonSerializer.Serialize(
            new TicketDto(new TargetDto(ticket.Target.Kind, ticket.Target.Team?.Value, ticket.Target.Agent), ticket.QueuedAt, ticket.Offer, ticket.PreviousOffer),
            StoreJson.Options);

    public static RoutingTicket? Deserialize(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var dto = JsonSerializer.Deserialize<TicketDto>(json, StoreJson.Options) ?? throw new JsonException("A routing ticket is null.");
        var target = dto.Target ?? throw new JsonException("A routing ticket has no target.");
        return new RoutingTicket(
            new RoutingTarget(target.Kind, target.Team is { } team ? new TeamId(team) : null, target.Agent),
            dto.QueuedAt,
            dto.Offer,
            dto.PreviousOffer);
    }

    public static string SerializeTeams(IEnumerable<TeamId> teams) => JsonSerializer.Serialize(teams.Select(t => t.Value), StoreJson.Options);

    public static ImmutableArray<TeamId> DeserializeTeams(string json)
        => [.. (JsonSerializer.Deserialize<string[]>(json, StoreJson.Options) ?? []).Select(t => new TeamId(t))];

    private sealed record TicketDto(TargetDto? Target, DateTimeOffset QueuedAt, RoutingOffer? Offer, RoutingOffer? PreviousOffer);

    private sealed record TargetDto(RoutingTargetKind Kind, string? Team, AgentId? Agent);
}
