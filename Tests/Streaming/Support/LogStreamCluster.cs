using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Persistence;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Kafka;
using StreamOrleans.Streaming.Log.Postgres;
using StreamOrleans.Streaming.Log.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Tests.Streaming.Log.Kafka;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Hosting;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>
/// An Orleans test cluster on the log stream provider over a real SQLite log and SQLite grain storage in a temporary
/// folder. The test appends to the same log as a plain producer would and awaits the silos' commit signals.
/// </summary>
public sealed class LogStreamCluster : IAsyncDisposable
{
    public const string Provider = "log";
    public const int Partitions = 4;

    private readonly TempDirectory _directory = new();
    private readonly ConditionWaiter _commits = new();
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _committed = new();
    private readonly NpgsqlDataSource? _dataSource;

    private LogStreamCluster(short silos, Action<LogStreamOptions>? configure, LogBackend backend, string? postgres)
    {
        Backend = backend;
        Log = backend switch
        {
            LogBackend.Postgres => new PostgresStreamLog(_dataSource = NpgsqlDataSource.Create(postgres!), Options.Create(new PostgresStreamLogOptions { PollInterval = TimeSpan.FromMilliseconds(5) }), TimeProvider.System),
            LogBackend.Kafka => new KafkaStreamLog(KafkaTestCluster.Options(), ConsumerGroup),
            _ => new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = _directory.Path, PollInterval = TimeSpan.FromMilliseconds(5) }),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = postgres }).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IStreamLog>(Log);
            if (Environment.GetEnvironmentVariable("STREAMORLEANS_TEST_LOG") is { Length: > 0 } level)
            {
                silo.Services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(level)));
            }

            silo.AddStreamOrleansLog(Provider, o =>
            {
                o.DefaultPartitions = Partitions;
                o.CheckpointInterval = TimeSpan.FromMilliseconds(5);
                o.PollInterval = TimeSpan.FromMilliseconds(5);
                o.Topics.Add(LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default));
                o.Topics.Add(LogTopic.Create<ProbeEvent>(ProbeEvent.Topic, ProbeJsonContext.Default));
                o.Topics.Add(LogTopic.Raw(RawProbeGrain.Topic));
                configure?.Invoke(o);
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // A killed silo is declared dead in ~2 s, so its queues move to the others quickly.
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            if (backend == LogBackend.Postgres)
            {
                silo.AddStreamOrleansPostgresStorage("grains", configuration);
            }
            else
            {
                silo.AddStreamOrleansSqliteStorage("grains", configuration, o => o.FilePath = _directory.File("grains.db"));
            }
        });
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    /// <summary>The consumer group the provider commits (the default).</summary>
    public const string ConsumerGroup = "grains";

    public IStreamLog Log { get; }

    public LogBackend Backend { get; }

    /// <summary>The first silo's services.</summary>
    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    public string DataDirectory => _directory.Path;

    public static async Task<LogStreamCluster> StartAsync(short silos = 1, Action<LogStreamOptions>? configure = null, LogBackend backend = LogBackend.Sqlite)
    {
        string? postgres = null;
        if (backend == LogBackend.Postgres)
        {
            // Small pools, closed with the cluster: test classes run in parallel against one server's 100 connections.
            postgres = await PostgresDatabase.CreateSchemaAsync("orleans") + ";Maximum Pool Size=8";
        }
        else if (backend == LogBackend.Kafka)
        {
            // The mock cluster cannot create topics through the admin API: make them first (a real broker creates them itself).
            KafkaTestCluster.PrepareTopic(CounterEvent.Topic, Partitions);
            KafkaTestCluster.PrepareTopic(ProbeEvent.Topic, Partitions);
            KafkaTestCluster.PrepareTopic(RawProbeGrain.Topic, Partitions);
            KafkaTestCluster.PrepareTopic("dead-letters", 1);
        }

        var cluster = new LogStreamCluster(silos, configure, backend, postgres);
        await cluster.Cluster.DeployAsync();
        foreach (var silo in cluster.Cluster.Silos)
        {
            cluster.Watch(silo);
        }

        return cluster;
    }

    /// <summary>Relays a silo's commit signals to the waiters (call for silos started later).</summary>
    public void Watch(InProcessSiloHandle silo) =>
        Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<LogCheckpoints>().Committed += checkpoint =>
        {
            Note(checkpoint.Topic, checkpoint.Partition, checkpoint.Offset);
            _commits.Notify();
        };

    /// <summary>Appends JSON values to a topic as a plain producer does; returns where they landed.</summary>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(string topic, params (string Key, string Json)[] records) =>
        await Log.AppendAsync(topic, [.. records.Select(r => new StreamRecord(r.Key, Encoding.UTF8.GetBytes(r.Json)))]);

    /// <summary>Completes when the consumer group committed every partition of <paramref name="topic"/> to its end.</summary>
    /// <remarks>After a rewind (<paramref name="replayed"/>), offsets committed before it no longer count.</remarks>
    public async Task WaitUntilCommittedToEndAsync(string topic, TimeSpan? timeout = null, bool replayed = false)
    {
        var ends = (await Log.GetOffsetsAsync(topic)).ToDictionary(p => p.Partition, p => p.EndOffset);
        if (replayed)
        {
            foreach (var (partition, offset) in await Log.GetCommittedOffsetsAsync(ConsumerGroup, topic))
            {
                _committed[(topic, partition)] = offset;
            }
        }

        await WaitUntilCommittedAsync(topic, ends, timeout);
    }

    /// <summary>Completes when each listed partition's committed offset reached its target.</summary>
    public async Task WaitUntilCommittedAsync(string topic, IReadOnlyDictionary<int, long> targets, TimeSpan? timeout = null)
    {
        foreach (var (partition, offset) in await Log.GetCommittedOffsetsAsync(ConsumerGroup, topic))
        {
            Note(topic, partition, offset);
        }

        await _commits.WaitUntilAsync(
            () => targets.All(t => t.Value == 0 || _committed.GetValueOrDefault((topic, t.Key)) >= t.Value),
            timeout ?? TimeSpan.FromSeconds(30),
            $"{topic} committed to {string.Join(", ", targets.Select(t => $"{t.Key}:{t.Value}"))}");
    }

    private void Note(string topic, int partition, long offset) =>
        _committed.AddOrUpdate((topic, partition), offset, (_, old) => Math.Max(old, offset));

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        switch (Log)
        {
            case IAsyncDisposable disposable:
                await disposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        _directory.Dispose();
    }
}
