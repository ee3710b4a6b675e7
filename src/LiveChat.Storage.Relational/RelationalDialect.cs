using System.Data.Common;
using LiveChat.Core.Conversations;

namespace LiveChat.Storage.Relational;

/// <summary>
/// What differs between the SQL databases the stores run on (feature X3): column type names, how a conversation id is
/// kept, how rows keep their first-insert order, the two-argument maximum, how a JSON parameter is typed, and the
/// dialect's own schema steps. Everything else in <see cref="RelationalStatements"/> and <see cref="RelationalSchema"/>
/// is the same text for every dialect.
/// </summary>
/// <remarks>
/// A dialect holds no state: each adapter keeps one instance for the process. Thread-safe. Statements use <c>@name</c>
/// parameters, which both SQLite and PostgreSQL (through Npgsql) accept.
/// </remarks>
internal abstract class RelationalDialect
{
    /// <summary>The type of a text column (<c>TEXT</c>, <c>text</c>).</summary>
    public abstract string Text { get; }

    /// <summary>The type of a 32-bit integer column: enums, counts.</summary>
    public abstract string Int32 { get; }

    /// <summary>The type of a 64-bit integer column: numbers, versions, sequences and times as UTC ticks.</summary>
    public abstract string Int64 { get; }

    /// <summary>The type of a JSON column (<c>TEXT</c> in SQLite, <c>jsonb</c> in PostgreSQL).</summary>
    public abstract string Json { get; }

    /// <summary>The type of a column holding a conversation id.</summary>
    public abstract string ConversationKeyType { get; }

    /// <summary>The two-argument maximum of two integers (<c>MAX</c> in SQLite, <c>GREATEST</c> in PostgreSQL).</summary>
    public abstract string Greatest { get; }

    /// <summary>
    /// What a <c>SELECT</c> ends with to lock the rows it reads until the transaction ends (<c> FOR UPDATE</c>); empty
    /// where a write transaction holds the whole database already (SQLite).
    /// </summary>
    public abstract string RowLock { get; }

    /// <summary>
    /// The column definition, with its trailing comma, of a column that numbers rows in the order they were first
    /// inserted and that an upsert keeps; empty where the dialect has such a number already (SQLite's row id).
    /// </summary>
    /// <param name="name">The column's name, such as <c>registration_order</c>.</param>
    public abstract string InsertOrderColumn(string name);

    /// <summary>
    /// The expression to order by for first-insert order: <paramref name="name"/> where <see cref="InsertOrderColumn"/>
    /// defines it, the row id otherwise.
    /// </summary>
    public abstract string InsertOrder(string name);

    /// <summary>The value a conversation id is bound and stored as (its "N" text, or the <see cref="Guid"/>).</summary>
    public abstract object ConversationKey(ConversationId id);

    /// <summary>Reads a conversation id stored as <see cref="ConversationKey"/> writes it.</summary>
    public abstract ConversationId ReadConversationKey(DbDataReader reader, int ordinal);

    /// <summary>Marks <paramref name="parameter"/> as JSON, where the dialect types JSON apart from text.</summary>
    public virtual void MarkJson(DbParameter parameter)
    {
    }

    /// <summary>
    /// The statement that serializes migrations across processes, run first in the migration's transaction; null where
    /// the database's own write lock does that.
    /// </summary>
    public virtual string? MigrationLock => null;

    /// <summary>
    /// The schema steps, in order: the shared ones of <see cref="RelationalSchema"/>, with the dialect's own (such as a
    /// storage setting) where the dialect first applied them. A step's position is its version, so a step, once shipped,
    /// keeps its place, and a new one goes at the end.
    /// </summary>
    public abstract IReadOnlyList<SchemaStep> SchemaSteps { get; }
}
