using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Rewind;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api;

/// <summary>
/// The real API host with its co-hosted Orleans silo, on a temp data directory and free silo and gateway ports (so
/// factories run in parallel), with small limits so that limit tests are cheap. <paramref name="settings"/> override
/// the defaults; a null value removes a default.
/// </summary>
public class ApiFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-5b0d7a1c";
    public const int MaxEventsPerBatch = 50;
    public const int MaxRequestBodyBytes = 64 * 1024;
    public const int MaxDeadLetters = 100;
    public const int Partitions = 4;

    private readonly TempDirectory _directory = new();
    private readonly ConditionWaiter _commits = new();
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _committed = new();
    private int _listening;

    public IStreamLog Log => Services.GetRequiredService<IStreamLog>();

    /// <summary>The silo's consumer group (the one its pulling agents commit as).</summary>
    public string ConsumerGroup => Services.GetRequiredService<LogStreamRewinder>().ConsumerGroup;

    /// <summary>A client that sends the API key.</summary>
    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>
    /// Completes when the silo's consumer group has committed every partition of <paramref name="topic"/> up to the
    /// end offsets it has now: everything appended so far is applied and persisted. Awaits the provider's commit
    /// signals (<see cref="LogCheckpoints.Committed"/>), as <see cref="TestSilo.WaitUntilCommittedAsync"/> does.
    /// </summary>
    public async Task WaitUntilCommittedAsync(string topic)
    {
        ListenToCommits();
        var ends = await EndOffsetsAsync(topic);

        // Forget what was seen before: a rewind moves the committed offsets back. Every signal is raised after its
        // commit is durable, so the log read below covers the signals dropped here; later ones come in as they arrive.
        foreach (var partition in ends.Keys)
        {
            _committed.TryRemove((topic, partition), out _);
        }

        foreach (var (partition, offset) in await Log.GetCommittedOffsetsAsync(ConsumerGroup, topic))
        {
            _committed.AddOrUpdate((topic, partition), offset, (_, old) => Math.Max(old, offset));
        }

        await _commits.WaitUntilAsync(
            () => ends.All(e => e.Value == 0 || _committed.GetValueOrDefault((topic, e.Key)) >= e.Value),
            TimeSpan.FromSeconds(60),
            $"{topic} committed to {string.Join(", ", ends.Select(e => $"{e.Key}:{e.Value}"))}");
    }

    /// <summary>End offset of each partition of <paramref name="topic"/>.</summary>
    public async Task<Dictionary<int, long>> EndOffsetsAsync(string topic) =>
        (await Log.GetOffsetsAsync(topic)).ToDictionary(o => o.Partition, o => o.EndOffset);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var ports = FreePorts.Take(2);
        var values = new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = _directory.Path,
            ["Cluster:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Api:ApiKey"] = ApiKey,
            ["Api:MaxEventsPerBatch"] = $"{MaxEventsPerBatch}",
            ["Api:MaxRequestBodyBytes"] = $"{MaxRequestBodyBytes}",
            ["Api:MaxDeadLetters"] = $"{MaxDeadLetters}",
            ["Api:RateLimit:PermitLimit"] = "100000",  // on, so every test passes the limiter, but never reached
            ["Streams:DefaultPartitions"] = $"{Partitions}",
            ["Streams:CheckpointInterval"] = "00:00:00.005",
            ["Streams:PollInterval"] = "00:00:00.005",
            ["Streams:Sqlite:PollInterval"] = "00:00:00.005",
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

    // Subscribed on first use (the host starts with the first client); commits before it are read from the log.
    private void ListenToCommits()
    {
        if (Interlocked.Exchange(ref _listening, 1) == 0)
        {
            Services.GetRequiredService<LogCheckpoints>().Committed += checkpoint =>
            {
                _committed.AddOrUpdate((checkpoint.Topic, checkpoint.Partition), checkpoint.Offset, (_, old) => Math.Max(old, checkpoint.Offset));
                _commits.Notify();
            };
        }
    }
}
