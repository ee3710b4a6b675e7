using System.Data.Common;
using LiveChat.Core.Conversations;
using LiveChat.Storage.Relational;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// SQLite's dialect (feature X3): <c>TEXT</c> and <c>INTEGER</c> columns, JSON and conversation ids ("N" form) as text,
/// first-insert order from the row id (which an upsert keeps), <c>MAX</c> of two values, and no row locks: a write
/// transaction holds the whole file's write lock.
/// </summary>
/// <remarks>Stateless and thread-safe; one instance, <see cref="Instance"/>.</remarks>
internal sealed class SqliteDialect : RelationalDialect
{
    /// <summary>The dialect.</summary>
    public static readonly SqliteDialect Instance = new();

    /// <summary>The shared statements, written in this dialect once.</summary>
    public static readonly RelationalStatements Statements = new(Instance);

    private SqliteDialect()
    {
        SchemaSteps = [RelationalSchema.Conversations(this), RelationalSchema.Routing(this), RelationalSchema.IdentityLog(this)];
    }

    /// <inheritdoc />
    public override string Text => "TEXT";

    /// <inheritdoc />
    public override string Int32 => "INTEGER";

    /// <inheritdoc />
    public override string Int64 => "INTEGER";

    /// <inheritdoc />
    public override string Json => "TEXT";

    /// <inheritdoc />
    public override string ConversationKeyType => "TEXT";

    /// <inheritdoc />
    public override string Greatest => "MAX";

    /// <inheritdoc />
    public override string RowLock => string.Empty;

    /// <inheritdoc />
    public override IReadOnlyList<SchemaStep> SchemaSteps { get; }

    /// <inheritdoc />
    public override string InsertOrderColumn(string name) => string.Empty;

    /// <inheritdoc />
    public override string InsertOrder(string name) => "rowid";

    /// <inheritdoc />
    public override object ConversationKey(ConversationId id) => Key(id);

    /// <inheritdoc />
    public override ConversationId ReadConversationKey(DbDataReader reader, int ordinal)
        => new(Guid.ParseExact(reader.GetString(ordinal), "N"));

    /// <summary>A conversation id as its column holds it: the "N" form of its <see cref="Guid"/>.</summary>
    public static string Key(ConversationId id) => id.Value.ToString("N");
}
