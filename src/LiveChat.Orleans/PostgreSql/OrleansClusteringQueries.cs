namespace LiveChat.Orleans.PostgreSql;

/// <summary>
/// The statements Orleans' ADO.NET clustering provider reads from <c>OrleansQuery</c>, by key, written against
/// <see cref="OrleansTables"/>. Parameters are the provider's (<c>@DeploymentId</c>, <c>@Address</c>, <c>@Port</c>,
/// <c>@Generation</c>, <c>@Version</c> the table version the caller read, …); result columns are named as it reads them.
/// A write that changes a silo's row succeeds only when the table version is still the one the caller read, bumps it,
/// and returns one boolean.
/// </summary>
internal static class OrleansClusteringQueries
{
    // Every read returns the cluster's version row even when no silo matches (a LEFT JOIN from it): the provider takes
    // the table version from the first row and a silo only from rows that have a start time.
    private const string ReadColumns = """
        SELECT v.deployment_id AS "DeploymentId", s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
               s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status", s.proxy_port AS "ProxyPort",
               s.suspect_times AS "SuspectTimes", s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime",
               v.version AS "Version"
        FROM livechat_silo_table_versions v
        """;

    // Locks the version row only when it still holds the version the caller read: a concurrent writer that bumped it
    // first makes this empty once its commit is seen, so the write after it changes nothing.
    private const string LockVersion = """
        locked AS (
            SELECT deployment_id FROM livechat_silo_table_versions
            WHERE deployment_id = @DeploymentId AND version = @Version
            FOR UPDATE)
        """;

    /// <summary>The provider's query keys and their statements.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByKey = new Dictionary<string, string>
    {
        ["InsertMembershipVersionKey"] = """
            WITH inserted AS (
                INSERT INTO livechat_silo_table_versions (deployment_id, version) VALUES (@DeploymentId, 0)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM inserted)
            """,
        ["InsertMembershipKey"] = $"""
            WITH {LockVersion},
            inserted AS (
                INSERT INTO livechat_silos (deployment_id, address, port, generation, silo_name, host_name, status,
                                            proxy_port, start_time, i_am_alive_time)
                SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
                       @StartTime, @IAmAliveTime
                FROM locked
                ON CONFLICT DO NOTHING
                RETURNING deployment_id),
            bumped AS (
                UPDATE livechat_silo_table_versions t SET version = t.version + 1, changed_at = now()
                FROM inserted i WHERE t.deployment_id = i.deployment_id
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM bumped)
            """,
        ["UpdateMembershipKey"] = $"""
            WITH {LockVersion},
            updated AS (
                UPDATE livechat_silos s
                SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM locked l
                WHERE s.deployment_id = l.deployment_id
                  AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
                RETURNING s.deployment_id),
            bumped AS (
                UPDATE livechat_silo_table_versions t SET version = t.version + 1, changed_at = now()
                FROM updated u WHERE t.deployment_id = u.deployment_id
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM bumped)
            """,

        // A heartbeat: diagnostics only, so it neither checks nor bumps the version.
        ["UpdateIAmAlivetimeKey"] = """
            UPDATE livechat_silos SET i_am_alive_time = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
            """,
        ["MembershipReadRowKey"] = $"""
            {ReadColumns}
            LEFT JOIN livechat_silos s ON s.deployment_id = v.deployment_id
                 AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
            WHERE v.deployment_id = @DeploymentId
            """,
        ["MembershipReadAllKey"] = $"""
            {ReadColumns}
            LEFT JOIN livechat_silos s ON s.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId
            """,
        ["GatewaysQueryKey"] = """
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
            FROM livechat_silos
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
            """,
        ["DeleteMembershipTableEntriesKey"] = "DELETE FROM livechat_silo_table_versions WHERE deployment_id = @DeploymentId",

        // Rows of dead silos (status 6, Orleans' SiloStatus.Dead) whose last heartbeat is older than the cut-off.
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM livechat_silos
            WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
            """,
    };
}
