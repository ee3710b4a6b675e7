namespace LiveChat.Orleans.PostgreSql;

/// <summary>
/// Our own PostgreSQL tables for Orleans' ADO.NET clustering and reminder providers (feature X7, issue 18). The
/// providers ship no scripts: they read their statements by key from a table named <c>OrleansQuery</c> (the one name
/// their contract fixes) and bind parameters and read columns by the names <see cref="OrleansClusteringQueries"/> and
/// <see cref="OrleansReminderQueries"/> give them. Every statement is idempotent, so a migration may run again.
/// </summary>
internal static class OrleansTables
{
    /// <summary>The statements that create the tables when missing, in order.</summary>
    public static readonly string[] Create =
    [
        """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey varchar(64) PRIMARY KEY,
            QueryText text NOT NULL)
        """,

        // One row per cluster (Orleans' "deployment id"): the membership table's version, bumped by every change of a
        // silo's row, so that two silos writing from the same read cannot both win.
        """
        CREATE TABLE IF NOT EXISTS livechat_silo_table_versions (
            deployment_id text PRIMARY KEY,
            version integer NOT NULL,
            changed_at timestamptz NOT NULL DEFAULT now())
        """,

        // One row per silo incarnation (address, port and generation). Deleting a cluster's version row deletes its silos.
        """
        CREATE TABLE IF NOT EXISTS livechat_silos (
            deployment_id text NOT NULL REFERENCES livechat_silo_table_versions (deployment_id) ON DELETE CASCADE,
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL DEFAULT 0,
            suspect_times text NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation))
        """,

        // One row per (service, grain, reminder name). The grain hash places a reminder on the silo that owns its slice
        // of the hash ring; period in milliseconds.
        """
        CREATE TABLE IF NOT EXISTS livechat_reminders (
            service_id text NOT NULL,
            grain_id text NOT NULL,
            reminder_name text NOT NULL,
            start_time timestamptz NOT NULL,
            period_ms bigint NOT NULL,
            grain_hash integer NOT NULL,
            version integer NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name))
        """,
        "CREATE INDEX IF NOT EXISTS livechat_reminders_ring ON livechat_reminders (service_id, grain_hash)",
    ];
}
