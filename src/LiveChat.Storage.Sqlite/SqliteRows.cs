using System.Collections.Immutable;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <summary>Maps rows to the core's records and back. Times are stored as UTC ticks.</summary>
internal static class SqliteRows
{
    public const string ConversationColumns =
        "workspace, id, number, state, version, channel, visitor_name, visitor_token_hash, counterpart_name, assigned_agent, "
        + "started_at, ended_at, last_sequence, participants, details, created_results, routing";

    public const string MessageColumns =
        "conversation_id, sequence, sender_kind, sender_name, sender_agent, text, client_message_id, system_event, sent_at";

    public const string AgentColumns =
        "workspace, id, display_name, max_conversations, status, status_changed_at, open_conversations, teams, last_seen_at";

    public static Conversation ReadConversation(SqliteDataReader r) => new()
    {
        Workspace = new WorkspaceId(r.GetString(0)),
        Id = new ConversationId(Guid.ParseExact(r.GetString(1), "N")),
        Number = r.GetInt64(2),
        State = (ConversationState)r.GetInt32(3),
        Version = r.GetInt64(4),
        Channel = r.GetString(5),
        VisitorName = r.GetString(6),
        VisitorTokenHash = r.GetString(7),
        CounterpartName = r.GetString(8),
        AssignedAgentId = r.IsDBNull(9) ? null : new AgentId(r.GetString(9)),
        StartedAt = FromTicks(r.GetInt64(10)),
        EndedAt = r.IsDBNull(11) ? null : FromTicks(r.GetInt64(11)),
        LastSequence = r.GetInt64(12),
        Participants = JsonSerializer.Deserialize<ImmutableArray<Participant>>(r.GetString(13), StoreJson.Options),
        Details = JsonSerializer.Deserialize<ConversationDetails>(r.GetString(14), StoreJson.Options) ?? ConversationDetails.Empty,
        CreatedResults = JsonSerializer.Deserialize<ImmutableArray<CreatedResult>>(r.GetString(15), StoreJson.Options),
        Routing = r.IsDBNull(16) ? null : JsonSerializer.Deserialize<RoutingTicket>(r.GetString(16), StoreJson.Options),
    };

    /// <summary>Binds every conversation column as a parameter named after it (<c>$workspace</c>, <c>$id</c>, …).</summary>
    public static void BindConversation(SqliteCommand command, Conversation c)
    {
        var p = command.Parameters;
        p.AddWithValue("$workspace", c.Workspace.Value);
        p.AddWithValue("$id", Key(c.Id));
        p.AddWithValue("$number", c.Number);
        p.AddWithValue("$state", (int)c.State);
        p.AddWithValue("$version", c.Version);
        p.AddWithValue("$channel", c.Channel);
        p.AddWithValue("$visitor_name", c.VisitorName);
        p.AddWithValue("$visitor_token_hash", c.VisitorTokenHash);
        p.AddWithValue("$counterpart_name", c.CounterpartName);
        p.AddWithValue("$assigned_agent", (object?)c.AssignedAgentId?.Value ?? DBNull.Value);
        p.AddWithValue("$started_at", c.StartedAt.UtcTicks);
        p.AddWithValue("$ended_at", (object?)c.EndedAt?.UtcTicks ?? DBNull.Value);
        p.AddWithValue("$last_sequence", c.LastSequence);
        p.AddWithValue("$participants", JsonSerializer.Serialize(c.Participants, StoreJson.Options));
        p.AddWithValue("$details", JsonSerializer.Serialize(c.Details, StoreJson.Options));
        p.AddWithValue("$created_results", JsonSerializer.Serialize(c.CreatedResults, StoreJson.Options));
        p.AddWithValue("$routing", c.Routing is null ? DBNull.Value : JsonSerializer.Serialize(c.Routing, StoreJson.Options));
    }

    public static ChatMessage ReadMessage(SqliteDataReader r) => new()
    {
        ConversationId = new ConversationId(Guid.ParseExact(r.GetString(0), "N")),
        Sequence = r.GetInt64(1),
        Sender = new MessageSender((SenderKind)r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : new AgentId(r.GetString(4))),
        Text = r.GetString(5),
        ClientMessageId = r.IsDBNull(6) ? null : r.GetString(6),
        SystemEvent = (SystemEvent)r.GetInt32(7),
        SentAt = FromTicks(r.GetInt64(8)),
    };

    public static Agent ReadAgent(SqliteDataReader r) => new()
    {
        Workspace = new WorkspaceId(r.GetString(0)),
        Id = new AgentId(r.GetString(1)),
        DisplayName = r.GetString(2),
        MaxConcurrentConversations = r.GetInt32(3),
        Status = (AgentStatus)r.GetInt32(4),
        StatusChangedAt = FromTicks(r.GetInt64(5)),
        OpenConversations = r.GetInt32(6),
        Teams = JsonSerializer.Deserialize<ImmutableArray<TeamId>>(r.GetString(7), StoreJson.Options),
        LastSeenAt = r.IsDBNull(8) ? null : FromTicks(r.GetInt64(8)),
    };

    public const string TeamColumns = "id, name, fallback_team";

    public static Team ReadTeam(SqliteDataReader r)
        => new(new TeamId(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : new TeamId(r.GetString(2)));

    public static string Key(ConversationId id) => id.Value.ToString("N");

    private static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
