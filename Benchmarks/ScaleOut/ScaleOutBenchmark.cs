using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StreamOrleans.Benchmarks.Pipeline;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Benchmarks.ScaleOut;

/// <summary>
/// Scale-out figures on Debian's PostgreSQL (scripts/setup/60-postgres.sh):
/// (1) pg_log_events_per_sec: the durable pipeline of <see cref="PipelineBenchmark"/> (CounterGrain, 10,000 keys,
/// checkpoint every 1000 events / 100 ms) with the stream log, grain state and ownership in PostgreSQL; baseline in the
/// same run: the same pipeline on the embedded SQLite providers.
/// (2) failover_seconds: three replica processes (the Api, silo co-hosted) share the database; one is SIGKILLed right
/// after records were appended to every partition; the figure is the time until the last of its partitions is
/// committed to its end by a survivor (consumed again). The victim is restarted between rounds; median of rounds.
/// </summary>
internal static class ScaleOutBenchmark
{
    internal const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=streamorleans;Password=streamorleans;Database=streamorleans";

    public static async Task<JsonObject> RunAsync(string root, TimeSpan roundLength, int rounds, int failoverRounds, TextWriter log)
    {
        var server = Environment.GetEnvironmentVariable("STREAMORLEANS_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;
        var pipelineDatabase = await CreateSchemaAsync(server, "bench_pipeline");
        var (pgRate, pgRounds) = await MeasurePipelineAsync(
            ["--Silo:LogProvider=Postgres", "--Silo:StateProvider=Postgres", $"--ConnectionStrings:Postgres={pipelineDatabase}"],
            roundLength, rounds, "postgres", log);
        var directory = Path.Combine(Path.GetTempPath(), "streamorleans-bench", Guid.NewGuid().ToString("N"));
        var (sqliteRate, _) = await MeasurePipelineAsync([$"--Silo:DataDirectory={directory}"], roundLength, rounds, "sqlite", log);
        Directory.Delete(directory, recursive: true);

        var failoverDatabase = await CreateSchemaAsync(server, "bench_failover");
        var failovers = await FailoverDriver.MeasureAsync(root, failoverDatabase, failoverRounds, log);
        await DropSchemaAsync(pipelineDatabase);
        await DropSchemaAsync(failoverDatabase);
        return new JsonObject
        {
            ["benchmark"] = "scale-out on PostgreSQL: durable pipeline (CounterGrain, 10,000 keys, checkpoint 1000 events / 100 ms) and SIGKILL failover of one of three replicas",
            ["pg_log_events_per_sec"] = Math.Round(pgRate),
            ["pg_log_events_per_sec_rounds"] = new JsonArray([.. pgRounds.Select(r => (JsonNode)Math.Round(r))]),
            ["baseline_sqlite_events_per_sec"] = Math.Round(sqliteRate),
            ["pg_vs_sqlite_ratio"] = Math.Round(pgRate / sqliteRate, 3),
            ["failover_seconds"] = Math.Round(Stats.Median(failovers), 2),
            ["failover_seconds_rounds"] = new JsonArray([.. failovers.Select(f => (JsonNode)Math.Round(f, 2))]),
            ["failover_target_seconds"] = 10,
            ["failover_note"] = "from SIGKILL until every partition the victim owned is committed to its end by a survivor; rebalance interval 1 s (default)",
            ["round_seconds"] = roundLength.TotalSeconds,
            ["rounds"] = rounds,
        };
    }

    private static async Task<(double Median, List<double> Rounds)> MeasurePipelineAsync(string[] providerArguments, TimeSpan roundLength, int rounds, string name, TextWriter log)
    {
        using var host = await PipelineBenchmark.StartSiloAsync([.. providerArguments, "--Streams:CheckpointEvents=1000", "--Streams:CheckpointInterval=00:00:00.100"]);
        var streams = host.Services.GetRequiredService<StreamRuntime>();
        var batches = PipelineBenchmark.MakeBatches();
        log.WriteLine($"{name} warm-up: {await PipelineBenchmark.MeasureSustainedAsync(streams.Log, streams, batches, roundLength):N0} events/s");
        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            rates.Add(await PipelineBenchmark.MeasureSustainedAsync(streams.Log, streams, batches, roundLength));
            log.WriteLine($"{name} round {round + 1}/{rounds}: {rates[^1]:N0} events/s");
        }

        await host.StopAsync();
        return (Stats.Median(rates), rates);
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
