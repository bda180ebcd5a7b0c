using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.TestingHost;
using StreamOrleans.Grains;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Silo;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Rewind;

namespace StreamOrleans.Tests.Support;

/// <summary>
/// One Microsoft Orleans silo for tests: an <see cref="InProcessTestCluster"/> (Orleans' TestingHost) whose silo gets the
/// production wiring but for clustering (<see cref="SiloHostBuilderExtensions.AddStreamOrleansSiloServices"/> and
/// <see cref="SiloHostBuilderExtensions.AddStreamOrleansProviders"/>: the SQLite log and SQLite grain state in a temp
/// directory, every grain), exercised through the grain factory. Tests append to the log as a plain producer does and await the silo's commit signals,
/// never sleep. A manual clock given to <see cref="StartAsync"/> drives the grains' clock (<see cref="GrainProviders.Clock"/>);
/// Orleans itself keeps the real one.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly TempDirectory? _ownedDirectory;
    private readonly ConditionWaiter _commits = new();
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _committed = new();

    private TestSilo(InProcessTestCluster cluster, TempDirectory? ownedDirectory, string dataDirectory)
    {
        _cluster = cluster;
        _ownedDirectory = ownedDirectory;
        DataDirectory = dataDirectory;
        Services = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress);
        Services.GetRequiredService<LogCheckpoints>().Committed += checkpoint =>
        {
            _committed.AddOrUpdate((checkpoint.Topic, checkpoint.Partition), checkpoint.Offset, (_, old) => Math.Max(old, checkpoint.Offset));
            _commits.Notify();
        };
    }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Orleans' grain factory of the silo.</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The log under the stream provider.</summary>
    public IStreamLog Log => Services.GetRequiredService<IStreamLog>();

    /// <summary>The folder of the silo's files (reuse it to restart on the same data).</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// Starts a silo. <paramref name="settings"/> are configuration keys such as "Streams:CheckpointEvents";
    /// <paramref name="configure"/> adds or replaces services after the production wiring.
    /// </summary>
    public static async Task<TestSilo> StartAsync(
        TimeProvider? timeProvider = null,
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        var values = new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = directory,
            ["Streams:DefaultPartitions"] = "4",
            ["Streams:CheckpointInterval"] = "00:00:00.005",
            ["Streams:PollInterval"] = "00:00:00.005",
            ["Streams:Sqlite:PollInterval"] = "00:00:00.005",
            ["Telemetry:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            // The host's own configuration too: providers that read their options from it (Orleans' Azure storage) see
            // the same settings as the wiring.
            host.Configuration.AddInMemoryCollection(values);
            // The grains' clock first: the production wiring only adds the system clock when none is there.
            if (timeProvider is not null)
            {
                host.Services.AddKeyedSingleton(GrainProviders.Clock, timeProvider);
            }

            host.Services.AddStreamOrleansSiloServices(configuration, directory);
            configure?.Invoke(host.Services, configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddStreamOrleansProviders(configuration, directory));
        var cluster = builder.Build();
        await cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new TestSilo(cluster, owned, directory);
    }

    /// <summary>
    /// Completes when the silo's consumer group has committed every partition of <paramref name="topic"/> up to the
    /// end offsets it has now: everything appended so far is applied and persisted.
    /// </summary>
    public async Task WaitUntilCommittedAsync(string topic, TimeSpan? timeout = null)
    {
        var group = Services.GetRequiredService<LogStreamRewinder>().ConsumerGroup;
        var ends = (await Log.GetOffsetsAsync(topic)).ToDictionary(p => p.Partition, p => p.EndOffset);
        foreach (var (partition, offset) in await Log.GetCommittedOffsetsAsync(group, topic))
        {
            _committed.AddOrUpdate((topic, partition), offset, (_, old) => Math.Max(old, offset));
        }

        await _commits.WaitUntilAsync(
            () => ends.All(e => e.Value == 0 || _committed.GetValueOrDefault((topic, e.Key)) >= e.Value),
            timeout ?? TimeSpan.FromSeconds(60),
            $"{topic} committed to {string.Join(", ", ends.Select(e => $"{e.Key}:{e.Value}"))}");
    }

    /// <summary>
    /// Rewinds the silo's consumer group of <paramref name="topic"/> (<see cref="LogStreamRewinder.RewindAsync"/>);
    /// a following <see cref="WaitUntilCommittedAsync"/> awaits the replay, not the commits seen before the rewind.
    /// </summary>
    public async Task<RewindResult> RewindAsync(string topic, SeekPosition position, int? partition = null, bool resetState = false)
    {
        var result = await Services.GetRequiredService<LogStreamRewinder>().RewindAsync(topic, position, partition, resetState);

        // Forget the commits before the rewind; WaitUntilCommittedAsync reads the log's committed offsets again, so a
        // replay that already finished is seen too.
        foreach (var (rewound, offset) in result.Offsets)
        {
            _committed[(topic, rewound)] = offset;
        }

        return result;
    }

    /// <summary>Appends JSON values under keys to a topic in one batch.</summary>
    public async Task<IReadOnlyList<AppendResult>> AppendJsonAsync(string topic, IEnumerable<(string Key, string Json)> records) =>
        await Log.AppendAsync(topic, [.. records.Select(r => new StreamRecord(r.Key, Encoding.UTF8.GetBytes(r.Json)))]);

    /// <summary>Appends raw values with headers (e.g. JPEG frames) to a topic in one batch.</summary>
    public async Task<IReadOnlyList<AppendResult>> AppendRawAsync(string topic, IEnumerable<StreamRecord> records) =>
        await Log.AppendAsync(topic, [.. records]);

    /// <summary>Stops the silo gracefully (every queue checkpoints) and deletes its temp directory if it made one.</summary>
    public async ValueTask DisposeAsync()
    {
        // Bounded, so a stop that never finishes fails this test with a reason instead of hanging the whole run.
        await _cluster.StopAllSilosAsync().WaitAsync(TimeSpan.FromSeconds(90));
        await _cluster.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
