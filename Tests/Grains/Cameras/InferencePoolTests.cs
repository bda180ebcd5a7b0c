using StreamOrleans.Grains.Cameras;

namespace StreamOrleans.Tests.Grains.Cameras;

public sealed class InferencePoolTests
{
    [Fact]
    public async Task Work_runs_on_the_pools_own_threads_never_more_at_once_than_its_concurrency()
    {
        using var pool = new InferencePool(2);
        var running = 0;
        var peak = 0;
        using var release = new ManualResetEventSlim();
        using var bothStarted = new CountdownEvent(2);

        var tasks = Enumerable.Range(0, 6).Select(i => pool.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (i < 2)
            {
                bothStarted.Signal();
                release.Wait();
            }

            Interlocked.Decrement(ref running);
            return (i, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
        })).ToList();
        bothStarted.Wait();
        Assert.Equal(4, pool.Queued);
        release.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(2, pool.Concurrency);
        Assert.Equal(2, peak);
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => r.i));
        Assert.All(results, r => Assert.StartsWith("face-inference-", r.Name, StringComparison.Ordinal));
        Assert.All(results, r => Assert.False(r.IsThreadPoolThread));
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_and_the_pool_goes_on()
    {
        using var pool = new InferencePool(1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pool.RunAsync<int>(() => throw new InvalidOperationException("bad frame")));

        Assert.Equal("bad frame", error.Message);
        Assert.Equal(42, await pool.RunAsync(() => 42));
    }

    [Fact]
    public void Concurrency_defaults_to_half_the_cores_and_at_least_one()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), new CamerasOptions().ResolveInferenceConcurrency());
        Assert.Equal(3, new CamerasOptions { InferenceConcurrency = 3 }.ResolveInferenceConcurrency());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
