using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Relational;

/// <summary>
/// Maps rows to the core's records and back, for every dialect (feature X3). Times are stored as UTC ticks (a 64-bit
/// integer), not as a timestamp type, whose precision would not round-trip a <see cref="DateTimeOffset"/> exactly;
/// lists, details and routing tickets as JSON written by <see cref="StoreJson.Options"/>.
/// </summary>
/// <remarks>Stateless and thread-safe. A reader must be positioned on a row selected with the matching column list.</remarks>
internal static class RelationalRows
{
    /// <summary>The 17 conversation columns, in the order <see cref="ReadConversation"/> reads them.</summary>
    public const string ConversationColumns =
        "workspace, id, number, state, version, channel, visitor_name, visitor_token_hash, counterpart_name, assigned_agent, "
        + "started_at, ended_at, last_sequence, participants, details, created_results, routing";

    /// <summary>The parameters <see cref="BindConversation"/> binds, in the order of <see cref="ConversationColumns"/>.</summary>
    public const string ConversationParameters =
        "@workspace, @id, @number, @state, @version, @channel, @visitor_name, @visitor_token_hash, @counterpart_name, @assigned_agent, "
        + "@started_at, @ended_at, @last_sequence, @participants, @details, @created_results, @routing";

    /// <summary>The message columns, in the order <see cref="ReadMessage"/> reads them (the workspace column is left out).</summary>
    public const string MessageColumns =
        "conversation_id, sequence, sender_kind, sender_name, sender_agent, text, client_message_id, system_event, sent_at";

    /// <summary>The agent columns, in the order <see cref="ReadAgent"/> reads them.</summary>
    public const string AgentColumns =
        "workspace, id, display_name, max_conversations, status, status_changed_at, open_conversations, teams, last_seen_at";

    /// <summary>The team columns, in the order <see cref="ReadTeam"/> reads them (the workspace column is left out).</summary>
    public const string TeamColumns = "id, name, fallback_team";

    /// <summary>Reads a conversation selected with <see cref="ConversationColumns"/>.</summary>
    public static Conversation ReadConversation(DbDataReader r, RelationalDialect dialect) => new()
    {
        Workspace = new WorkspaceId(r.GetString(0)),
        Id = dialect.ReadConversationKey(r, 1),
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
    public static void BindConversation(DbCommand command, Conversation c, RelationalDialect dialect)
    {
        Bind(command, "@workspace", c.Workspace.Value);
        Bind(command, "@id", dialect.ConversationKey(c.Id));
        Bind(command, "@number", c.Number);
        Bind(command, "@state", (int)c.State);
        Bind(command, "@version", c.Version);
        Bind(command, "@channel", c.Channel);
        Bind(command, "@visitor_name", c.VisitorName);
        Bind(command, "@visitor_token_hash", c.VisitorTokenHash);
        Bind(command, "@counterpart_name", c.CounterpartName);
        Bind(command, "@assigned_agent", c.AssignedAgentId?.Value, DbType.String);
        Bind(command, "@started_at", c.StartedAt.UtcTicks);
        Bind(command, "@ended_at", c.EndedAt?.UtcTicks, DbType.Int64);
        Bind(command, "@last_sequence", c.LastSequence);
        BindJson(command, "@participants", JsonSerializer.Serialize(c.Participants, StoreJson.Options), dialect);
        BindJson(command, "@details", JsonSerializer.Serialize(c.Details, StoreJson.Options), dialect);
        BindJson(command, "@created_results", JsonSerializer.Serialize(c.CreatedResults, StoreJson.Options), dialect);
        BindJson(command, "@routing", c.Routing is null ? null : JsonSerializer.Serialize(c.Routing, StoreJson.Options), dialect);
    }

    /// <summary>Reads a message selected with <see cref="MessageColumns"/>.</summary>
    public static ChatMessage ReadMessage(DbDataReader r, RelationalDialect dialect) => new()
    {
        ConversationId = dialect.ReadConversationKey(r, 0),
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
    public static ChatMessage StoredMessage(ConversationId conversationId, long sequence, MessageDraft draft) => new()
    {
        ConversationId = conversationId,
        Sequence = sequence,
        Sender = draft.Sender,
        Text = draft.Text,
        ClientMessageId = draft.ClientMessageId,
        SystemEvent = draft.SystemEvent,
        SentAt = FromTicks(draft.SentAt.UtcTicks),
    };

    /// <summary>Reads an agent selected with <see cref="AgentColumns"/>.</summary>
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

    /// <summary>Reads a team selected with <see cref="TeamColumns"/>.</summary>
    public static Team ReadTeam(DbDataReader r)
        => new(new TeamId(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : new TeamId(r.GetString(2)));

    /// <summary>
    /// Adds a parameter; a null <paramref name="value"/> is bound as <see cref="DBNull"/> typed <paramref name="nullType"/>
    /// (a driver that types parameters needs a type for a null).
    /// </summary>
    public static DbParameter Bind(DbCommand command, string name, object? value, DbType? nullType = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (value is null)
        {
            parameter.Value = DBNull.Value;
            if (nullType is { } type)
            {
                parameter.DbType = type;
            }
        }
        else
        {
            parameter.Value = value;
        }

        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Adds a JSON parameter (null for SQL NULL), typed as the dialect types JSON.</summary>
    public static void BindJson(DbCommand command, string name, string? json, RelationalDialect dialect)
        => dialect.MarkJson(Bind(command, name, json, DbType.String));

    private static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
