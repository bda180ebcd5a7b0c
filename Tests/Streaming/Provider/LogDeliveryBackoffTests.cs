using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Tests.Streaming.Provider;

/// <summary>The delivery backoff starts at 100 ms and never waits more than about 1 s (plus up to 100 ms of jitter).</summary>
public sealed class LogDeliveryBackoffTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(4, 1000)]
    [InlineData(50, 1000)]
    public void Each_attempt_waits_its_step_plus_at_most_100_ms_of_jitter(int attempt, int stepMilliseconds)
    {
        var backoff = new LogDeliveryBackoff();
        for (var i = 0; i < 100; i++)
        {
            var wait = backoff.Next(attempt).TotalMilliseconds;
            Assert.InRange(wait, stepMilliseconds, stepMilliseconds + 100);
        }
    }
}
