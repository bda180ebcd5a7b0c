using Orleans.Runtime.Providers;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Waits between attempts to deliver to a grain: 100 ms, growing to 5 s. Orleans' default starts at 1 s and grows to
/// 30 s, so a delivery that failed while a dead silo was not yet declared dead (its grains unreachable) held the queue for
/// seconds after the silo's queues and grains had moved.
/// </summary>
internal sealed class LogDeliveryBackoff : IMessageDeliveryBackoffProvider
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    // Doubling from 100 ms, with up to 100 ms of jitter so queues retrying together spread out.
    public TimeSpan Next(int attempt) =>
        TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Clamp(attempt, 0, 6))) + TimeSpan.FromMilliseconds(Random.Shared.Next(100));
}
