namespace LiveChat.Storage.Relational;

/// <summary>
/// One step of a store's schema (feature X3): statements run together, once, in the migration's transaction. The step's
/// position in <see cref="RelationalDialect.SchemaSteps"/> is the version <c>livechat_schema</c> records after it.
/// </summary>
/// <param name="Name">What the step adds, for messages and tests.</param>
/// <param name="Statements">The DDL, in order.</param>
internal sealed record SchemaStep(string Name, IReadOnlyList<string> Statements);
