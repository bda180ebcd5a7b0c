using System.Text;
using Npgsql;
using StreamOrleans.Streaming.Postgres;

namespace StreamOrleans.Persistence.Clustering;

/// <summary>
/// Our PostgreSQL schema for Orleans' ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet ships no SQL: it reads
/// each query by key from the table <c>OrleansQuery</c>). Hand-written from the provider's contract (parameter names
/// and result columns of its RelationalOrleansQueries / DbStoredQueries), not from Orleans' published scripts.
/// </summary>
/// <remarks>
/// Design: one row per cluster in <c>orleans_cluster_version</c> holds the table version (the etag every change must
/// match and bumps); <c>orleans_cluster_member</c> holds one row per silo incarnation (address, port, generation).
/// Each change is one statement: a CTE bumps the version only if it still equals <c>@Version</c> and then writes the
/// member row from the bumped row, so two silos racing on one version serialize on the version row's lock and the loser
/// gets <c>false</c>. Reads always return the version row (LEFT JOIN), since the provider takes the version from the
/// first row even when there are no members.
/// </remarks>
internal static class PostgresClusteringSchema
{
    /// <summary>The component name in <c>schema_version</c>.</summary>
    public const string Component = "clustering";

    // Silo status values of Orleans' SiloStatus that the SQL tests: Dead = 6.
    private const int Dead = 6;

    private const string Member = "cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation";

    private const string MemberColumns = """
        v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
        m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
        m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
        """;

    /// <summary>The queries the provider reads from <c>OrleansQuery</c>, by key.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>
    {
        // Init: the cluster's version row, once; returns whether this call created it.
        ["InsertMembershipVersionKey"] = """
            WITH created AS (
                INSERT INTO orleans_cluster_version (cluster_id, version) VALUES (@DeploymentId, 0)
                ON CONFLICT (cluster_id) DO NOTHING RETURNING cluster_id)
            SELECT EXISTS (SELECT 1 FROM created)
            """,
        ["MembershipReadAllKey"] = $"""
            SELECT {MemberColumns}
            FROM orleans_cluster_version v LEFT JOIN orleans_cluster_member m ON m.cluster_id = v.cluster_id
            WHERE v.cluster_id = @DeploymentId
            """,
        ["MembershipReadRowKey"] = $"""
            SELECT {MemberColumns}
            FROM orleans_cluster_version v LEFT JOIN orleans_cluster_member m
                ON m.cluster_id = v.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.cluster_id = @DeploymentId
            """,
        ["InsertMembershipKey"] = $"""
            WITH bumped AS (
                UPDATE orleans_cluster_version SET version = version + 1, changed_at = now()
                WHERE cluster_id = @DeploymentId AND version = @Version
                    AND NOT EXISTS (SELECT 1 FROM orleans_cluster_member WHERE {Member})
                RETURNING cluster_id),
            inserted AS (
                INSERT INTO orleans_cluster_member
                    (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
                SELECT cluster_id, @Address, @Port, @Generation, COALESCE(@SiloName, ''), @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM bumped
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM inserted)
            """,
        ["UpdateMembershipKey"] = $"""
            WITH bumped AS (
                UPDATE orleans_cluster_version SET version = version + 1, changed_at = now()
                WHERE cluster_id = @DeploymentId AND version = @Version
                    AND EXISTS (SELECT 1 FROM orleans_cluster_member WHERE {Member})
                RETURNING cluster_id),
            updated AS (
                UPDATE orleans_cluster_member m SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM bumped
                WHERE m.cluster_id = bumped.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM updated)
            """,

        // Heartbeat: not a membership change, so the version stays.
        ["UpdateIAmAlivetimeKey"] = $"UPDATE orleans_cluster_member SET i_am_alive_time = @IAmAliveTime WHERE {Member}",
        ["GatewaysQueryKey"] = """
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
            FROM orleans_cluster_member WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
            """,

        // The members go with the version row (ON DELETE CASCADE).
        ["DeleteMembershipTableEntriesKey"] = "DELETE FROM orleans_cluster_version WHERE cluster_id = @DeploymentId",

        // Defunct silos: only rows declared dead whose last heartbeat is older than the cut-off. The provider prefers the
        // single-row form, which deletes a dead row only if it is still exactly as the provider read it.
        ["CleanupDefunctSiloEntriesKey"] = $"DELETE FROM orleans_cluster_member WHERE cluster_id = @DeploymentId AND status = {Dead} AND i_am_alive_time < @IAmAliveTime",
        ["CleanupDefunctSiloEntryKey"] = $"""
            DELETE FROM orleans_cluster_member
            WHERE {Member} AND status = {Dead} AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
                AND suspect_times IS NOT DISTINCT FROM @SuspectTimes
            """,
    };

    /// <summary>Migrations of the component (index i brings it to version i + 1).</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE orleans_cluster_version (
            cluster_id TEXT PRIMARY KEY,
            version INT NOT NULL,
            changed_at TIMESTAMPTZ NOT NULL DEFAULT now());
        CREATE TABLE orleans_cluster_member (
            cluster_id TEXT NOT NULL REFERENCES orleans_cluster_version (cluster_id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            port INT NOT NULL,
            generation INT NOT NULL,
            silo_name TEXT NOT NULL,
            host_name TEXT NOT NULL,
            status INT NOT NULL,
            proxy_port INT NOT NULL,
            suspect_times TEXT,
            start_time TIMESTAMPTZ NOT NULL,
            i_am_alive_time TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (cluster_id, address, port, generation));
        CREATE TABLE IF NOT EXISTS OrleansQuery (QueryKey TEXT PRIMARY KEY, QueryText TEXT NOT NULL);
        """ + UpsertQueries(),
    ];

    /// <summary>Creates or migrates the tables and queries in the connection's schema (first of its search path).</summary>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.EnsureAsync(dataSource, Component, Migrations, cancellationToken);
    }

    // OrleansQuery may be shared with other ADO.NET providers (reminders, grain storage): only our keys are written.
    // Plain quoted literals (no parameters): the migration runs as one command text.
    private static string UpsertQueries()
    {
        var sql = new StringBuilder("INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ");
        sql.AppendJoin(", ", Queries.Select(q => $"('{q.Key}', '{q.Value.Replace("'", "''", StringComparison.Ordinal)}')"));
        sql.Append(" ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText");
        return sql.ToString();
    }
}
