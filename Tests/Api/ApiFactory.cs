using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api;

/// <summary>
/// The real API host (silo co-hosted) on a temp data directory, with small limits so that limit tests are cheap.
/// <paramref name="settings"/> override the defaults; a null value removes a default.
/// </summary>
public class ApiFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-5b0d7a1c";
    public const int MaxEventsPerBatch = 50;
    public const int MaxRequestBodyBytes = 64 * 1024;
    public const int MaxDeadLetters = 100;
    public const int Partitions = 4;

    private readonly TempDirectory _directory = new();

    public IStreamLog Log => Services.GetRequiredService<IStreamLog>();

    public StreamRuntime Streams => Services.GetRequiredService<StreamRuntime>();

    /// <summary>A client that sends the API key.</summary>
    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>
    /// Completes when the silo's consumer group has committed every partition of <paramref name="topic"/> up to the
    /// end offsets it has now: everything appended so far is applied and persisted. Awaits checkpoint signals.
    /// </summary>
    public Task WaitUntilCommittedAsync(string topic) => CheckpointSignals.WaitUntilCommittedAsync(Streams, topic, TimeSpan.FromSeconds(30));

    /// <summary>End offset of each partition of <paramref name="topic"/>.</summary>
    public async Task<Dictionary<int, long>> EndOffsetsAsync(string topic) =>
        (await Log.GetOffsetsAsync(topic)).ToDictionary(o => o.Partition, o => o.EndOffset);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var values = new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = _directory.Path,
            ["Api:ApiKey"] = ApiKey,
            ["Api:MaxEventsPerBatch"] = $"{MaxEventsPerBatch}",
            ["Api:MaxRequestBodyBytes"] = $"{MaxRequestBodyBytes}",
            ["Api:MaxDeadLetters"] = $"{MaxDeadLetters}",
            ["Streams:DefaultPartitions"] = $"{Partitions}",
            ["Streams:CheckpointInterval"] = "00:00:00.010",
            ["Streams:RetryBackoff"] = "00:00:00.001",
            ["Streams:Topics:raw-events:Partitions"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        foreach (var (key, value) in values.Where(v => v.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }
}
