using System.Data.Common;
using LiveChat.Core.Conversations;
using LiveChat.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace LiveChat.Storage.PostgreSql;

/// <summary>
/// PostgreSQL's dialect (feature X3): <c>text</c>, <c>integer</c> and <c>bigint</c> columns, <c>jsonb</c> for JSON,
/// <c>uuid</c> conversation ids, identity columns for first-insert order, <c>GREATEST</c>, row locks with
/// <c>FOR UPDATE</c>, and migrations serialized across processes by a transaction-scoped advisory lock.
/// </summary>
/// <remarks>
/// Tables go to the first schema of the connection's search path (<c>public</c> unless the connection string sets
/// <c>Search Path</c>). Stateless and thread-safe; one instance, <see cref="Instance"/>.
/// </remarks>
internal sealed class PostgreSqlDialect : RelationalDialect
{
    /// <summary>The dialect.</summary>
    public static readonly PostgreSqlDialect Instance = new();

    /// <summary>The shared statements, written in this dialect once.</summary>
    public static readonly RelationalStatements Statements = new(Instance);

    /// <summary>
    /// Serializes migrations of one database: two processes starting together would otherwise both try to create the
    /// tables. Any constant works; this one spells "livechat" in ASCII.
    /// </summary>
    private const long MigrationLockKey = 0x6C69766563686174;

    private PostgreSqlDialect()
    {
        SchemaSteps =
        [
            RelationalSchema.Conversations(this),
            // Version 2 leaves room in the conversation table's pages: a group commit advances the last sequence of
            // hundreds of conversations at once, and on full pages each of those updates moved the row and added entries
            // to all four of the table's indexes. With room on the page it is a HOT update, which touches no index (about
            // four times cheaper measured on a 512-row batch). Changing the setting rewrites nothing.
            new SchemaStep("conversation page room", ["ALTER TABLE conversations SET (fillfactor = 70)"]),
            RelationalSchema.Routing(this),
            RelationalSchema.IdentityLog(this),
        ];
    }

    /// <inheritdoc />
    public override string Text => "text";

    /// <inheritdoc />
    public override string Int32 => "integer";

    /// <inheritdoc />
    public override string Int64 => "bigint";

    /// <inheritdoc />
    public override string Json => "jsonb";

    /// <inheritdoc />
    public override string ConversationKeyType => "uuid";

    /// <inheritdoc />
    public override string Greatest => "GREATEST";

    /// <inheritdoc />
    public override string RowLock => " FOR UPDATE";

    /// <inheritdoc />
    public override string? MigrationLock => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    /// <inheritdoc />
    public override IReadOnlyList<SchemaStep> SchemaSteps { get; }

    /// <inheritdoc />
    public override string InsertOrderColumn(string name) => $"{name} bigint GENERATED ALWAYS AS IDENTITY,";

    /// <inheritdoc />
    public override string InsertOrder(string name) => name;

    /// <inheritdoc />
    public override object ConversationKey(ConversationId id) => id.Value;

    /// <inheritdoc />
    public override ConversationId ReadConversationKey(DbDataReader reader, int ordinal) => new(reader.GetGuid(ordinal));

    /// <inheritdoc />
    public override void MarkJson(DbParameter parameter) => ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlDbType.Jsonb;
}
