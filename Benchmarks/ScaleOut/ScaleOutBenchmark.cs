using System.Text.Json.Nodes;
using Npgsql;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.ScaleOut;

/// <summary>
/// Failover on Debian's PostgreSQL (scripts/setup/60-postgres.sh): three replica processes (the Api, silo co-hosted;
/// Orleans clustering, stream log and grain state in PostgreSQL) share one database; one is SIGKILLed right after
/// records were appended; failover_seconds is the time until the last of its queues is committed to its end by a
/// survivor (consumed again). The victim is restarted between rounds; median of rounds. The scale-out command runs the
/// pipeline benchmark on PostgreSQL vs SQLite first, in the same run (pg_events_per_sec, pg_ratio_vs_sqlite).
/// </summary>
internal static class ScaleOutBenchmark
{
    internal const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=streamorleans;Password=streamorleans;Database=streamorleans";

    public static async Task<JsonObject> RunAsync(string root, int failoverRounds, TextWriter log)
    {
        var server = Environment.GetEnvironmentVariable("STREAMORLEANS_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;
        var failoverDatabase = await CreateSchemaAsync(server, "bench_failover");
        try
        {
            var failovers = await FailoverDriver.MeasureAsync(root, failoverDatabase, failoverRounds, log);
            return new JsonObject
            {
                ["benchmark"] = "scale-out on PostgreSQL: SIGKILL failover of one of three replicas (Orleans silos co-hosted by the Api; clustering, log and state in PostgreSQL)",
                ["failover_seconds"] = Math.Round(Stats.Median(failovers), 2),
                ["failover_seconds_rounds"] = new JsonArray([.. failovers.Select(f => (JsonNode)Math.Round(f, 2))]),
                ["failover_target_seconds"] = 5,
                ["failover_note"] = "from SIGKILL until every queue the victim consumed is committed to its end by a survivor; the silo is declared dead after two missed 1 s probes",
            };
        }
        finally
        {
            await DropSchemaAsync(failoverDatabase);
        }
    }

    internal static async Task DropSchemaAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var schema = builder.SearchPath;
        builder.SearchPath = null;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<string> CreateSchemaAsync(string server, string prefix)
    {
        var schema = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; CREATE SCHEMA \"{schema}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }
}
