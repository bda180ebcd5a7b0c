using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using StreamOrleans.Api.Dashboard;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Rewind;
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
        var service = Service(clock);

        await IngestAsync(client, 30, keys: 6);
        await _api.WaitUntilCommittedAsync("counter-events");

        // Other grains (model, trending, timers) may activate while the snapshot is taken: it must count the silo's
        // activations as they were at some moment between the two counts around it.
        var activationsBefore = await ActivationsAsync();
        var first = await service.CaptureAsync();
        var activationsAfter = await ActivationsAsync();

        var counters = Assert.Single(first.Topics, t => t.Topic == "counter-events");
        Assert.Equal(30, counters.EndOffset);
        Assert.Equal(0, counters.Lag);
        Assert.Equal(0, counters.EventsPerSecond);
        Assert.Equal(ApiFactory.Partitions, counters.Partitions);
        Assert.Equal(30, first.EventsApplied);
        Assert.InRange(first.ActiveGrains, Math.Min(activationsBefore, activationsAfter), Math.Max(activationsBefore, activationsAfter));
        Assert.Equal(6, await ActivationsAsync("CounterGrain"));
        // Not measured on Orleans (the page shows "n/a"): the spans and Orleans' own meter carry these times.
        Assert.Null(first.P99IngestToAppliedMs);
        Assert.Null(first.P99TurnMs);
        Assert.Equal(0, first.DeadLetters);
        Assert.Equal(_api.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(), first.Member);
        // This one silo reads every queue of the topics it consumes. The list is the process's (other test hosts may
        // run beside this one, on their own partition counts), so it holds at least these four.
        Assert.Subset(
            first.OwnedPartitions.ToHashSet(StringComparer.Ordinal),
            Enumerable.Range(0, ApiFactory.Partitions).Select(p => $"counter-events/{p}").ToHashSet(StringComparer.Ordinal));

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
        var service = Service(TimeProvider.System);

        // The queue commits past the bad record only once its dead letter is durable; the good one gives the key a grain.
        await _api.Log.AppendAsync("counter-events", [
            new StreamRecord("bad", System.Text.Encoding.UTF8.GetBytes("""{"amount":"lots"}""")),
            new StreamRecord("bad", System.Text.Encoding.UTF8.GetBytes("""{"amount":1}""")),
        ]);
        await _api.WaitUntilCommittedAsync("counter-events");

        Assert.Equal(1, (await service.CaptureAsync()).DeadLetters);
    }

    private SystemSnapshotService Service(TimeProvider clock) => new(
        _api.Log,
        _api.Services.GetRequiredService<LogDeadLetters>(),
        _api.Services.GetRequiredService<LogStreamRewinder>(),
        _api.Services.GetRequiredService<IGrainFactory>(),
        _api.Services.GetRequiredService<ILocalSiloDetails>(),
        clock);

    // Activations in the cluster (of one grain class when named), as Orleans' management grain counts them.
    private async Task<int> ActivationsAsync(string? grainClass = null)
    {
        var statistics = await _api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => grainClass is null || s.GrainType.Contains(grainClass, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    private static async Task IngestAsync(HttpClient client, int count, int keys)
    {
        using var response = await client.PostAsJsonAsync(
            "/api/streams/counter-events/events",
            new { events = Enumerable.Range(0, count).Select(i => new { key = $"dash-{i % keys}", value = new { amount = 1 } }) });
        response.EnsureSuccessStatusCode();
    }
}
