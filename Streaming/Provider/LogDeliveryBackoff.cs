using Orleans.Runtime.Providers;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Waits between attempts to deliver to a grain: 100 ms, growing to 1 s. Orleans' default starts at 1 s and grows to
/// 30 s, so a delivery that failed while a dead silo was not yet declared dead (its grains unreachable) held the queue for
/// seconds after the silo's queues and grains had moved. The cap is 1 s, not more, for the same reason: deliveries fail
/// for the 2-3 s until the silo is declared dead, and a 1.6 s or 3.2 s step then delays the first retry that would succeed.
/// </summary>
internal sealed class LogDeliveryBackoff : IMessageDeliveryBackoffProvider
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(1);

    // Doubling from 100 ms, with up to 100 ms of jitter so queues retrying together spread out.
    public TimeSpan Next(int attempt) =>
        TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Clamp(attempt, 0, 4))) + TimeSpan.FromMilliseconds(Random.Shared.Next(100));
}
