using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Api.Dashboard;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api.Dashboard;

public sealed class SystemSnapshotServiceTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Snapshots_report_exact_counts_and_rates_between_two_captures()
    {
        using var client = _api.CreateAuthorizedClient();
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var service = new SystemSnapshotService(_api.Log, _api.Streams, _api.Services.GetRequiredService<GrainRuntime>(), _api.Services.GetRequiredService<DeadLetterPublisher>(), clock);

        await IngestAsync(client, 30, keys: 6);
        await _api.WaitUntilCommittedAsync("counter-events");
        var first = await service.CaptureAsync();

        var counters = Assert.Single(first.Topics, t => t.Topic == "counter-events");
        Assert.Equal(30, counters.EndOffset);
        Assert.Equal(0, counters.Lag);
        Assert.Equal(0, counters.EventsPerSecond);
        Assert.Equal(ApiFactory.Partitions, counters.Partitions);
        Assert.Equal(30, first.EventsApplied);
        Assert.Equal(6, first.ActiveGrains);
        Assert.NotNull(first.P99IngestToAppliedMs);
        Assert.NotNull(first.P99TurnMs);
        Assert.Equal(0, first.DeadLetters);
        // One process owns every partition of the topics it consumes.
        Assert.Equal(_api.Streams.Ownership.MemberId, first.Member);
        Assert.Equal(
            Enumerable.Range(0, ApiFactory.Partitions).Select(p => $"counter-events/{p}").Order(StringComparer.Ordinal),
            first.OwnedPartitions.Where(p => p.StartsWith("counter-events/", StringComparison.Ordinal)));

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Same(first, await service.CaptureAsync());

        await IngestAsync(client, 20, keys: 6);
        await _api.WaitUntilCommittedAsync("counter-events");
        clock.Advance(TimeSpan.FromMilliseconds(1950));
        var second = await service.CaptureAsync();

        Assert.Equal(50, Assert.Single(second.Topics, t => t.Topic == "counter-events").EndOffset);
        Assert.Equal(10, Assert.Single(second.Topics, t => t.Topic == "counter-events").EventsPerSecond);
        Assert.Equal(10, second.EventsPerSecond);
        Assert.Equal(10, second.AppliedPerSecond);
        Assert.Equal(50, second.EventsApplied);
        Assert.Equal(0, second.TotalLag);
    }

    [Fact]
    public async Task Dead_letters_are_counted()
    {
        var deadLetters = _api.Services.GetRequiredService<DeadLetterPublisher>();
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        deadLetters.Published += _ => published.TrySetResult();
        var service = new SystemSnapshotService(_api.Log, _api.Streams, _api.Services.GetRequiredService<GrainRuntime>(), deadLetters, TimeProvider.System);

        await _api.Log.AppendAsync("counter-events", [new StreamRecord("bad", System.Text.Encoding.UTF8.GetBytes("""{"amount":"lots"}"""))]);
        await published.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, (await service.CaptureAsync()).DeadLetters);
    }

    private static async Task IngestAsync(HttpClient client, int count, int keys)
    {
        using var response = await client.PostAsJsonAsync(
            "/api/streams/counter-events/events",
            new { events = Enumerable.Range(0, count).Select(i => new { key = $"dash-{i % keys}", value = new { amount = 1 } }) });
        response.EnsureSuccessStatusCode();
    }
}
