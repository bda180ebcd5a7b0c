using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Cameras.Pipeline;

/// <summary>
/// An in-process silo with the real grains and streams (as Tests/Support/TestSilo, plus the camera services), whose
/// face models are the tests' shared instances, and a pixel limit of <see cref="BadImages.MaxPixels"/>.
/// </summary>
internal sealed class CameraSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory? _ownedDirectory;
    private readonly string _directory;

    private CameraSilo(IDictionary<string, string?>? settings, string? directory, TimeProvider? time)
    {
        _ownedDirectory = directory is null ? new TempDirectory() : null;
        _directory = directory ?? _ownedDirectory!.Path;
        var values = new Dictionary<string, string?>
        {
            ["Streams:DefaultPartitions"] = "2",
            ["Streams:RetryBackoff"] = "00:00:00.001",
            ["Streams:CheckpointInterval"] = "00:00:00.010",
            ["Cameras:MaxPixels"] = $"{BadImages.MaxPixels}",
            ["Cameras:MaxFrameLag"] = "00:00:00",   // analyse every frame, however slow the machine (load shedding has its own test)
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time ?? TimeProvider.System)
            .AddSingleton(Provider(configuration))
            .AddGrainRuntime(configuration)
            .AddStreamOrleansGrains(configuration)
            .AddSqliteGrainStorage(configuration, o => o.FilePath = Path.Combine(_directory, "grains.db"))
            .AddSqliteStreamLog(configuration, o => o.DataDirectory = _directory)
            .AddStreams(configuration);
        _services = services.BuildServiceProvider();
        Runtime = _services.GetRequiredService<GrainRuntime>();
        Streams = _services.GetRequiredService<StreamRuntime>();
    }

    public GrainRuntime Runtime { get; }

    public StreamRuntime Streams { get; }

    public IGrainFactory Grains => Runtime.GrainFactory;

    public IStreamLog Log => Streams.Log;

    public DeadLetterPublisher DeadLetters => _services.GetRequiredService<DeadLetterPublisher>();

    /// <summary>Starts a silo on a new temporary folder, or on <paramref name="directory"/> (kept after disposal) to test restarts.</summary>
    public static async Task<CameraSilo> StartAsync(IDictionary<string, string?>? settings = null, string? directory = null, TimeProvider? time = null)
    {
        var silo = new CameraSilo(settings, directory, time);
        silo.Runtime.Start();
        await silo.Streams.StartAsync();
        return silo;
    }

    /// <summary>The shared models with the analysis settings the configuration gives.</summary>
    public static FaceAnalyzerProvider Provider(IConfiguration configuration)
    {
        var options = configuration.GetSection(CamerasOptions.SectionName).Get<CamerasOptions>() ?? new CamerasOptions();
        return FaceAnalyzerProvider.FromAnalyzer(FaceModels.Analyzer(FaceAnalyzerProvider.AnalysisOptions(options)));
    }

    public Task WaitUntilCommittedAsync(string topic) => CheckpointSignals.WaitUntilCommittedAsync(Streams, topic, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await Streams.StopAsync();
        await Runtime.StopAsync();
        await _services.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
