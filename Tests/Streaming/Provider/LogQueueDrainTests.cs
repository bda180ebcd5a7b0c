using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Tests.Streaming.Support;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Provider;

/// <summary>
/// A clean stop checkpoints every queue: a delivery still running when the silo begins to stop is let finish and its
/// records are committed before the pulling agents stop, and nothing is dead-lettered on the way.
/// </summary>
public sealed class LogQueueDrainTests
{
    [Fact]
    public async Task A_stopping_silo_lets_the_delivery_in_flight_finish_and_commits_it_without_dead_letters()
    {
        await using var cluster = await LogStreamCluster.StartAsync();
        var key = $"drain-{Guid.NewGuid():N}";
        var gate = ProbeGrain.Gates.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var blocked = ProbeGrain.Blocked.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        // The held delivery is released only once the stop has begun and the drain waits for it.
        var drain = cluster.SiloServices.GetRequiredKeyedService<LogQueueDrain>(LogStreamCluster.Provider);
        drain.DrainStarted += () => gate.TrySetResult();
        var appended = await cluster.AppendAsync(ProbeEvent.Topic, (key, """{"action":"block"}"""), (key, """{"action":"count"}"""));
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[0]);

        Assert.True(gate.Task.IsCompleted, "the stop did not wait for the delivery in flight");
        var committed = await cluster.Log.GetCommittedOffsetsAsync(LogStreamCluster.ConsumerGroup, ProbeEvent.Topic);
        Assert.Equal(appended[^1].Offset + 1, committed.GetValueOrDefault(appended[^1].Partition));
        Assert.Empty(await DeadLetters.ReadAsync(cluster.Log));
    }
}
