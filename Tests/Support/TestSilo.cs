using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Tests.Runtime.TestGrains;

namespace StreamOrleans.Tests.Support;

/// <summary>
/// An in-process silo for tests, on a temp directory with SQLite storage (and, with streams, the SQLite log),
/// exercised through the grain factory: the shape of Orleans' TestCluster, without the cluster.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory? _ownedDirectory;

    private TestSilo(ServiceProvider services, TempDirectory? ownedDirectory, string dataDirectory, bool streams)
    {
        _services = services;
        _ownedDirectory = ownedDirectory;
        DataDirectory = dataDirectory;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Streams = streams ? services.GetRequiredService<StreamRuntime>() : null;
    }

    public GrainRuntime Runtime { get; }

    /// <summary>The stream runtime when started with streams.</summary>
    public StreamRuntime? Streams { get; }

    public IStreamLog Log => _services.GetRequiredService<IStreamLog>();

    public IGrainFactory GrainFactory => Runtime.GrainFactory;

    public IServiceProvider Services => _services;

    public string DataDirectory { get; }

    /// <summary>Starts a runtime without streams. <paramref name="settings"/> are configuration keys such as "GrainRuntime:CallTimeout".</summary>
    public static TestSilo Start(TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null) =>
        Build(timeProvider, settings, dataDirectory, streams: false, configure: null);

    /// <summary>
    /// Starts a runtime with the SQLite stream log and the test grains' subscriptions ("counts", "tagged");
    /// <paramref name="configure"/> adds more (e.g. the product's grains with <c>AddStreamOrleansGrains</c>).
    /// </summary>
    public static async Task<TestSilo> StartWithStreamsAsync(
        TimeProvider? timeProvider = null,
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var silo = Build(timeProvider, settings, dataDirectory, streams: true, configure);
        await silo.Streams!.StartAsync();
        return silo;
    }

    private static TestSilo Build(TimeProvider? timeProvider, IDictionary<string, string?>? settings, string? dataDirectory, bool streams, Action<IServiceCollection, IConfiguration>? configure)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        var defaults = new Dictionary<string, string?> { ["Streams:DefaultPartitions"] = "4", ["Streams:RetryBackoff"] = "00:00:00.001" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(defaults).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(timeProvider ?? TimeProvider.System)
            .AddGrainRuntime(configuration)
            .AddGrains(typeof(TestSilo).Assembly)
            .AddGrainSerialization(TestJsonContext.Default)
            .AddSqliteGrainStorage(configuration, o => o.FilePath = Path.Combine(directory, "grains.db"));
        if (streams)
        {
            services.AddSqliteStreamLog(configuration, o => o.DataDirectory = directory).AddStreams(configuration);
        }

        configure?.Invoke(services, configuration);

        var silo = new TestSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), owned, directory, streams);
        silo.Runtime.Start();
        return silo;
    }

    /// <summary>
    /// Completes when the silo's consumer group has committed every partition of <paramref name="topic"/> up to the
    /// end offsets it has now: everything appended so far is applied and persisted. Awaits checkpoint signals.
    /// </summary>
    public Task WaitUntilCommittedAsync(string topic, TimeSpan? timeout = null) =>
        CheckpointSignals.WaitUntilCommittedAsync(Streams ?? throw new InvalidOperationException("Started without streams."), topic, timeout);

    /// <summary>Appends JSON values under keys to a topic in one batch.</summary>
    public async Task<IReadOnlyList<AppendResult>> AppendJsonAsync(string topic, IEnumerable<(string Key, string Json)> records) =>
        await Log.AppendAsync(topic, [.. records.Select(r => new StreamRecord(r.Key, System.Text.Encoding.UTF8.GetBytes(r.Json)))]);

    public async ValueTask DisposeAsync()
    {
        // Bounded, so a stop that never finishes fails this test with a reason instead of hanging the whole run.
        var limit = TimeSpan.FromSeconds(90);
        if (Streams is not null)
        {
            await Streams.StopAsync().WaitAsync(limit);
        }

        await Runtime.StopAsync().WaitAsync(limit);
        await _services.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
