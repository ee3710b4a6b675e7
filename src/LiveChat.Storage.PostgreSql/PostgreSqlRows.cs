using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace LiveChat.Storage.PostgreSql;

/// <summary>
/// Maps rows to the core's records and back. Times are stored as UTC ticks (bigint), not timestamptz, whose microsecond
/// precision would not round-trip a DateTimeOffset exactly.
/// </summary>
internal static class PostgreSqlRows
{
    public const string ConversationColumns =
        "workspace, id, number, state, version, channel, visitor_name, visitor_token_hash, counterpart_name, assigned_agent, "
        + "started_at, ended_at, last_sequence, participants, details, created_results, routing";

    /// <summary>The parameters <see cref="BindConversation"/> binds, in the order of <see cref="ConversationColumns"/>.</summary>
    public const string ConversationParameters =
        "@workspace, @id, @number, @state, @version, @channel, @visitor_name, @visitor_token_hash, @counterpart_name, @assigned_agent, "
        + "@started_at, @ended_at, @last_sequence, @participants, @details, @created_results, @routing";

    public const string MessageColumns =
        "conversation_id, sequence, sender_kind, sender_name, sender_agent, text, client_message_id, system_event, sent_at";

    public const string AgentColumns =
        "workspace, id, display_name, max_conversations, status, status_changed_at, open_conversations, teams, last_seen_at";

    public const string TeamColumns = "id, name, fallback_team";

    public static Conversation ReadConversation(DbDataReader r) => new()
    {
        Workspace = new WorkspaceId(r.GetString(0)),
        Id = new ConversationId(r.GetGuid(1)),
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

    /// <summary>Binds every conversation column as a parameter named after it (<c>@workspace</c>, <c>@id</c>, …).</summary>
    public static void BindConversation(NpgsqlCommand command, Conversation c)
    {
        var p = command.Parameters;
        p.AddWithValue("workspace", c.Workspace.Value);
        p.AddWithValue("id", c.Id.Value);
        p.AddWithValue("number", c.Number);
        p.AddWithValue("state", (int)c.State);
        p.AddWithValue("version", c.Version);
        p.AddWithValue("channel", c.Channel);
        p.AddWithValue("visitor_name", c.VisitorName);
        p.AddWithValue("visitor_token_hash", c.VisitorTokenHash);
        p.AddWithValue("counterpart_name", c.CounterpartName);
        p.AddWithValue("assigned_agent", NpgsqlDbType.Text, (object?)c.AssignedAgentId?.Value ?? DBNull.Value);
        p.AddWithValue("started_at", c.StartedAt.UtcTicks);
        p.AddWithValue("ended_at", NpgsqlDbType.Bigint, (object?)c.EndedAt?.UtcTicks ?? DBNull.Value);
        p.AddWithValue("last_sequence", c.LastSequence);
        p.AddWithValue("participants", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(c.Participants, StoreJson.Options));
        p.AddWithValue("details", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(c.Details, StoreJson.Options));
        p.AddWithValue("created_results", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(c.CreatedResults, StoreJson.Options));
        p.AddWithValue("routing", NpgsqlDbType.Jsonb, c.Routing is null ? DBNull.Value : JsonSerializer.Serialize(c.Routing, StoreJson.Options));
    }

    public static ChatMessage ReadMessage(DbDataReader r) => new()
    {
        ConversationId = new ConversationId(r.GetGuid(0)),
        Sequence = r.GetInt64(1),
        Sender = new MessageSender((SenderKind)r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : new AgentId(r.GetString(4))),
        Text = r.GetString(5),
        ClientMessageId = r.IsDBNull(6) ? null : r.GetString(6),
        SystemEvent = (SystemEvent)r.GetInt32(7),
        SentAt = FromTicks(r.GetInt64(8)),
    };

    /// <summary>
    /// The message as a read would return it once <paramref name="draft"/> is stored under <paramref name="sequence"/>:
    /// its time normalized to UTC ticks, as the row keeps it.
    /// </summary>
    public static ChatMessage StoredMessage(ConversationId conversationId, long sequence, LiveChat.Core.Storage.MessageDraft draft) => new()
    {
        ConversationId = conversationId,
        Sequence = sequence,
        Sender = draft.Sender,
        Text = draft.Text,
        ClientMessageId = draft.ClientMessageId,
        SystemEvent = draft.SystemEvent,
        SentAt = FromTicks(draft.SentAt.UtcTicks),
    };

    public static Agent ReadAgent(DbDataReader r) => new()
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

    public static Team ReadTeam(DbDataReader r)
        => new(new TeamId(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : new TeamId(r.GetString(2)));

    private static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
