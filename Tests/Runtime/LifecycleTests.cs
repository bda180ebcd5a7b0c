using StreamOrleans.Runtime;
using StreamOrleans.Tests.Runtime.TestGrains;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Runtime;

public class LifecycleTests
{
    [Fact]
    public async Task Idle_grains_are_deactivated_after_the_collection_age_with_state_flushed()
    {
        var time = new ManualTimeProvider();

        // Collection is triggered explicitly here; the periodic timer is covered by the next test.
        await using var silo = TestSilo.Start(time, new Dictionary<string, string?> { ["GrainRuntime:CollectionQuantum"] = "1.00:00:00" });
        var key = Guid.NewGuid().ToString();
        var grain = silo.GrainFactory.GetGrain<IStateGrain>(key);
        await grain.SetAsync("not yet written", write: false);

        time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await silo.Runtime.CollectIdleActivationsAsync());

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await silo.Runtime.CollectIdleActivationsAsync());
        Assert.Equal(DeactivationReason.IdleCollection, await StateGrain.Deactivations[key].Task);
        Assert.Equal(0, silo.Runtime.ActivationCount);

        // A new activation reads what the old one flushed in OnDeactivateAsync.
        Assert.Equal("not yet written", await grain.GetAsync());
    }

    [Fact]
    public async Task The_collection_timer_runs_on_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        await using var silo = TestSilo.Start(time, new Dictionary<string, string?> { ["GrainRuntime:CollectionAge"] = "00:02:00", ["GrainRuntime:CollectionQuantum"] = "00:01:00" });
        var key = Guid.NewGuid().ToString();
        await silo.GrainFactory.GetGrain<IStateGrain>(key).SetAsync("x", write: false);
        var deactivated = StateGrain.Deactivations.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(deactivated.Task.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(DeactivationReason.IdleCollection, await deactivated.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Timers_tick_inside_turns_on_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        await using var silo = TestSilo.Start(time);
        var key = Guid.NewGuid().ToString();
        var grain = silo.GrainFactory.GetGrain<IStateGrain>(key);
        var ticks = StateGrain.Ticks.GetOrAdd(key, _ => System.Threading.Channels.Channel.CreateUnbounded<long>());
        await grain.StartTimerAsync(TimeSpan.FromSeconds(10));

        for (var expected = 1; expected <= 3; expected++)
        {
            // The timer is one-shot and re-armed after each callback: wait until it is, then move the clock.
            await time.WhenTimerArmedAsync(time.GetUtcNow() + TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(30));
            time.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(expected, await ticks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(3, await grain.GetCountAsync());
        Assert.False(ticks.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Stopping_the_runtime_deactivates_every_grain()
    {
        var silo = TestSilo.Start();
        var keys = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var key in keys)
        {
            await silo.GrainFactory.GetGrain<IStateGrain>(key).SetAsync(key, write: false);
        }

        await silo.DisposeAsync();

        foreach (var key in keys)
        {
            Assert.Equal(DeactivationReason.ShuttingDown, await StateGrain.Deactivations[key].Task);
        }
    }
}
