namespace LiveChat.Orleans.PostgreSql;

/// <summary>
/// The statements Orleans' ADO.NET reminder provider reads from <c>OrleansQuery</c>, by key, written against
/// <see cref="OrleansTables"/>. Parameters are the provider's (<c>@ServiceId</c>, <c>@GrainId</c>, <c>@ReminderName</c>,
/// <c>@StartTime</c>, <c>@Period</c> in milliseconds, <c>@GrainHash</c>, <c>@BeginHash</c>/<c>@EndHash</c> as signed
/// integers, <c>@Version</c> the entry's tag); rows come back as <c>GrainId</c>, <c>ReminderName</c>, <c>StartTime</c>,
/// <c>Period</c> and <c>Version</c>.
/// </summary>
internal static class OrleansReminderQueries
{
    private const string ReadColumns = """
        SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
               period_ms AS "Period", version AS "Version"
        FROM livechat_reminders
        """;

    /// <summary>The provider's query keys and their statements.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByKey = new Dictionary<string, string>
    {
        ["UpsertReminderRowKey"] = """
            INSERT INTO livechat_reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, grain_hash = EXCLUDED.grain_hash,
                version = livechat_reminders.version + 1
            RETURNING version AS "Version"
            """,
        ["ReadReminderRowsKey"] = $"""
            {ReadColumns}
            WHERE service_id = @ServiceId AND grain_id = @GrainId
            """,
        ["ReadReminderRowKey"] = $"""
            {ReadColumns}
            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
            """,

        // A slice of the hash ring that does not wrap: (begin, end].
        ["ReadRangeRows1Key"] = $"""
            {ReadColumns}
            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
            """,

        // A slice that wraps past the end of the ring: (begin, max] and [min, end].
        ["ReadRangeRows2Key"] = $"""
            {ReadColumns}
            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
            """,
        ["DeleteReminderRowKey"] = """
            WITH deleted AS (
                DELETE FROM livechat_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
                  AND version = @Version
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM deleted)
            """,
        ["DeleteReminderRowsKey"] = "DELETE FROM livechat_reminders WHERE service_id = @ServiceId",
    };
}
