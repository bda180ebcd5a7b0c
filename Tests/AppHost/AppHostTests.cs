using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Postgres;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;
using TempDirectory = StreamOrleans.Tests.Support.TempDirectory;

namespace StreamOrleans.Tests.AppHost;

/// <summary>
/// The Aspire app host as a user runs it, through Aspire.Hosting.Testing (DCP, no container runtime): the API becomes
/// healthy and the demo runs, the demo's data flows through the API into the grains (counter-0 rises on the
/// dashboard's ticks), and stopping the app host stops the API cleanly: every partition of every demo topic is
/// committed up to its end (the silo drained and checkpointed each queue). Two replicas on PostgreSQL form one cluster;
/// stopping them at once still leaves every partition committed to its end (the app host stops the demo first).
/// </summary>
public sealed class AppHostTests
{
    private static readonly string[] DemoTopics = ["counter-events", "user-events", "posts", "frames"];

    [Fact]
    [Trait("Category", "Process")]
    public async Task AppHost_starts_every_resource_data_flows_through_the_api_and_stopping_checkpoints_every_queue()
    {
        using var data = new TempDirectory();
        await RunAsync(["--data", data.Path, "--rate", "200", "--keys", "5"], ["api", "demo"], async stopped =>
        {
            await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = data.Path });
            await AssertCheckpointedAsync(log, stopped);
        });
    }

    [Fact]
    [Trait("Category", "Process")]
    [Trait("Category", "Postgres")]
    public async Task AppHost_runs_two_replicas_on_postgres_as_one_cluster_and_stopping_checkpoints_every_queue()
    {
        using var data = new TempDirectory();
        var connectionString = await PostgresDatabase.CreateSchemaAsync("apphost");
        await RunAsync(
            ["--data", data.Path, "--rate", "200", "--keys", "5", "--replicas", "2", "--log-provider", "Postgres", "--state-provider", "Postgres", "--postgres", connectionString],
            ["Postgres", "api", "demo"],
            async stopped =>
            {
                await using var dataSource = NpgsqlDataSource.Create(connectionString);
                await using var log = new PostgresStreamLog(dataSource, Options.Create(new PostgresStreamLogOptions()));
                await AssertCheckpointedAsync(log, stopped);
            },
            replicas: 2);
    }

    private static Task RunAsync(string[] arguments, string[] resources, Func<DateTimeOffset, Task> afterStop, int replicas = 1) =>
        AppHostRun.RunAsync(arguments, resources, replicas, $"apphost-{replicas}", TimeSpan.FromMinutes(4), async (app, cancellationToken) =>
        {
            using var http = app.CreateHttpClient("api", "http");
            http.Timeout = TimeSpan.FromSeconds(60);
            Assert.Equal(3, (await RisingCountsAsync(http, cancellationToken)).Count);

            var stopped = DateTimeOffset.UtcNow;
            await app.StopAsync(cancellationToken);
            await afterStop(stopped);
        });

    // Each server-sent dashboard snapshot is a tick: read counter-0 on ticks until its count has risen three times.
    private static async Task<List<long>> RisingCountsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var counts = new List<long>();
        using var events = await http.GetAsync(new Uri("api/dashboard/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(cancellationToken));
        while (counts.Count < 3 && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            using var counter = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/counters/counter-0", UriKind.Relative), cancellationToken));
            var count = counter.RootElement.GetProperty("count").GetInt64();
            if (count > 0 && (counts.Count == 0 || count > counts[^1]))
            {
                counts.Add(count);
            }
        }

        return counts;
    }

    // A clean stop: Kestrel stopped taking events before the silo stopped, and each queue's receiver committed what its
    // grains had persisted, so the consumer group "grains" is at the end of every partition. A partition left behind is
    // reported with the append times of its uncommitted records relative to the stop (after it: producers still ran).
    private static async Task AssertCheckpointedAsync(IStreamLog log, DateTimeOffset stopped)
    {
        foreach (var topic in DemoTopics)
        {
            var ends = (await log.GetOffsetsAsync(topic)).Where(o => o.EndOffset > 0).ToDictionary(o => o.Partition, o => o.EndOffset);
            var committed = await log.GetCommittedOffsetsAsync("grains", topic);

            // Counter events flow from the first second; the camera demo first enrols a face, so frames may not have started.
            Assert.True(topic != "counter-events" || ends.Count > 0, "the demo sent no counter events");
            var behind = new List<string>();
            foreach (var (partition, end) in ends.Where(e => committed.GetValueOrDefault(e.Key) < e.Value))
            {
                var at = committed.GetValueOrDefault(partition);
                var left = await log.ReadAsync(topic, partition, at, (int)(end - at));
                behind.Add($"{topic}/{partition} committed {at} of {end}, left records appended at stop " +
                    string.Join(",", left.Select(r => $"{(r.Timestamp - stopped).TotalMilliseconds:+0;-0} ms")));
            }

            Assert.True(behind.Count == 0, string.Join(" | ", behind));
        }
    }
}
