using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Tests.Runtime.TestGrains;

namespace StreamOrleans.Tests.Support;

/// <summary>
/// An in-process grain runtime for tests, on a temp directory with SQLite storage, exercised through the grain
/// factory (the shape of Orleans' TestCluster, without the cluster).
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory? _ownedDirectory;

    private TestSilo(ServiceProvider services, TempDirectory? ownedDirectory, string dataDirectory)
    {
        _services = services;
        _ownedDirectory = ownedDirectory;
        DataDirectory = dataDirectory;
        Runtime = services.GetRequiredService<GrainRuntime>();
    }

    public GrainRuntime Runtime { get; }

    public IGrainFactory GrainFactory => Runtime.GrainFactory;

    public IServiceProvider Services => _services;

    public string DataDirectory { get; }

    /// <summary>Starts a runtime. <paramref name="settings"/> are configuration keys such as "GrainRuntime:CallTimeout".</summary>
    public static TestSilo Start(TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(timeProvider ?? TimeProvider.System)
            .AddGrainRuntime(configuration)
            .AddGrains(typeof(TestSilo).Assembly)
            .AddGrainSerialization(TestJsonContext.Default)
            .AddSqliteGrainStorage(configuration, o => o.FilePath = Path.Combine(directory, "grains.db"))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var silo = new TestSilo(services, owned, directory);
        silo.Runtime.Start();
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await _services.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
