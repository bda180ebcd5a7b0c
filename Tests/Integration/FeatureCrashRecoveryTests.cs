using System.Text.Json;
using Microsoft.Data.Sqlite;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Recommendations.Model;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// The SIGKILL pattern of <see cref="CrashRecoveryTests"/> applied to the product's grains: a real silo process consumes
/// user events (recommendations) or posts (trends, routed to a stream per hashtag and to the global ranking), is killed
/// at a random checkpoint mid-stream three times and restarted; after the last catch-up the persisted counts equal what
/// was appended. Nothing lost, nothing counted twice: the grains apply exactly once through the stream provider.
/// </summary>
public class FeatureCrashRecoveryTests
{
    private const int Partitions = 4;
    private const int Kills = 3;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    [Trait("Category", "Process")]
    public async Task User_event_counts_are_exact_after_SIGKILLs_mid_stream()
    {
        var events = PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 300, Items = 100, MeanInteractionsPerUser = 20, Seed = 3 }).Interactions;
        var expected = events.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var records = events.Select(e => new StreamRecord(e.UserId, Json(new
        {
            userId = e.UserId, productId = e.ItemId, kind = e.Kind.ToString().ToLowerInvariant(), timestamp = e.Timestamp,
        }))).ToList();

        using var directory = new TempDirectory();
        await RunWithKillsAsync(directory, UserEvent.Topic, records);

        var persisted = ReadStates(directory, "user", state => state.GetProperty("events").GetInt64());
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), persisted.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task Topic_and_ranking_counts_are_exact_after_SIGKILLs_mid_stream()
    {
        var posts = new PostGenerator(new PostGeneratorOptions { Seed = 5, Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), Duration = TimeSpan.FromHours(2), BurstCount = 3 })
            .Generate().ToList();
        var expected = posts.SelectMany(p => p.Hashtags.Distinct().Select(t => "#" + t)).GroupBy(t => t).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var records = posts.Select(p => new StreamRecord($"post-{p.PostId}", Json(new
        {
            postId = $"post-{p.PostId}", author = p.Author, text = p.Text, timestamp = p.Timestamp, label = p.Label.ToString().ToLowerInvariant(),
        }))).ToList();

        using var directory = new TempDirectory();
        await RunWithKillsAsync(directory, Post.Topic, records);

        var topics = ReadStates(directory, "topictrend", s => s.GetProperty("positive").GetInt64() + s.GetProperty("neutral").GetInt64() + s.GetProperty("negative").GetInt64());
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), topics.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(posts.Count, Assert.Single(ReadStates(directory, "trendingtopics", s => s.GetProperty("posts").GetInt64())).Value);
    }

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value);

    private static async Task RunWithKillsAsync(TempDirectory directory, string topic, List<StreamRecord> records)
    {
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path, PollInterval = TimeSpan.FromMilliseconds(10) });
        await log.CreateTopicAsync(topic, Partitions);
        var chunks = records.Chunk((records.Count / (Kills + 1)) + 1).ToList();
        var silo = RepositoryPaths.ProjectAssembly("Silo", "StreamOrleans.Silo");
        var random = new Random(11);
        for (var round = 0; round <= Kills; round++)
        {
            foreach (var batch in chunks[round].Chunk(1000))
            {
                await log.AppendAsync(topic, batch);
            }

            // Fresh ports each round: a killed silo's ports may linger for a moment.
            var ports = FreePorts.Take(2);
            await using var child = ChildProcess.StartDotnet(silo, [
                $"--Cluster:SiloPort={ports[0]}",
                $"--Cluster:GatewayPort={ports[1]}",
                $"--Silo:DataDirectory={directory.Path}",
                "--Silo:ReportCheckpoints=true",
                $"--Streams:DefaultPartitions={Partitions}",
                "--Streams:CheckpointEvents=100",
                "--Streams:CheckpointInterval=00:00:00.020",
                "--Streams:PollInterval=00:00:00.010",
                "--Streams:Sqlite:PollInterval=00:00:00.010",
                "--Recommendations:RefreshInterval=01:00:00",
                "--Telemetry:Enabled=false",
                "--Logging:LogLevel:Default=Warning",
            ]);

            if (round < Kills)
            {
                // Die at a random checkpoint while this round's records are being applied.
                var checkpoints = random.Next(1, 6);
                for (var seen = 0; seen < checkpoints;)
                {
                    var line = await child.Lines.ReadAsync().AsTask().WaitAsync(RoundTimeout);
                    seen += line.StartsWith($"checkpoint {topic} ", StringComparison.Ordinal) ? 1 : 0;
                }

                await child.KillAsync();
                continue;
            }

            await ChildCheckpoints.WaitUntilCommittedAsync(log, child, topic, RoundTimeout);
        }
    }

    private static Dictionary<string, long> ReadStates(TempDirectory directory, string grainType, Func<JsonElement, long> count)
    {
        var states = new Dictionary<string, long>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "grains.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key, payload FROM grain_state WHERE grain_type = $t";
        command.Parameters.AddWithValue("$t", grainType);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            using var json = JsonDocument.Parse((byte[])reader.GetValue(1));
            states[reader.GetString(0)] = count(json.RootElement);
        }

        return states;
    }
}
