using StreamOrleans.Runtime;
using StreamOrleans.Tests.Runtime.TestGrains;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Runtime;

public class GrainActivationTests
{
    [Fact]
    public async Task Concurrent_calls_share_one_activation_and_never_overlap()
    {
        await using var silo = TestSilo.Start();
        var key = Guid.NewGuid().ToString();
        var calls = Enumerable.Range(0, 200)
            .Select(_ => Task.Run(() => silo.GrainFactory.GetGrain<ITurnGrain>(key).IncrementAsync()))
            .ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(1, TurnGrain.Activations[key]);
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => silo.GrainFactory.GetGrain<ITurnGrain>(key).GetActivationIdAsync()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Calls_from_one_caller_run_in_the_order_sent()
    {
        await using var silo = TestSilo.Start();
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Guid.NewGuid().ToString());
        var sends = Enumerable.Range(0, 1000).Select(i => grain.AppendAsync(i).AsTask()).ToArray();
        await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(0, 1000), await grain.GetLogAsync());
    }

    [Fact]
    public async Task Grains_call_each_other_through_references()
    {
        await using var silo = TestSilo.Start();
        var other = silo.GrainFactory.GetGrain<ITurnGrain>("other-" + Guid.NewGuid());
        var otherId = await other.GetActivationIdAsync();
        var caller = silo.GrainFactory.GetGrain<ITurnGrain>("caller-" + Guid.NewGuid());

        Assert.Equal(otherId, await caller.CallOtherAsync(((StreamOrleans.Runtime.Hosting.GrainReferenceProxy)(object)other).GrainId.Key));
    }

    [Fact]
    public async Task A_call_that_never_completes_fails_with_a_clear_timeout()
    {
        var time = new ManualTimeProvider();
        await using var silo = TestSilo.Start(time);
        var signal = Guid.NewGuid().ToString();
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(signal);

        var call = grain.BlockAsync(signal);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
        Assert.Contains("ITurnGrain.BlockAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains("30 s", error.Message, StringComparison.Ordinal);
        TurnGrain.Signals.GetOrAdd(signal, _ => new TaskCompletionSource()).TrySetResult();
    }

    [Fact]
    public async Task Failed_activation_fails_the_call_and_is_retried_on_the_next_call()
    {
        await using var silo = TestSilo.Start();
        var error = await Assert.ThrowsAsync<GrainActivationException>(() => silo.GrainFactory.GetGrain<IFailingGrain>("bad-1").PingAsync());
        Assert.Contains("refusing to activate", error.Message, StringComparison.Ordinal);
        Assert.Equal("pong good", await silo.GrainFactory.GetGrain<IFailingGrain>("good").PingAsync());
        await Assert.ThrowsAsync<GrainActivationException>(() => silo.GrainFactory.GetGrain<IFailingGrain>("bad-1").PingAsync());
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    public async Task Bad_keys_are_rejected_with_the_reason(string key)
    {
        await using var silo = TestSilo.Start();
        var error = Assert.Throws<ArgumentException>(() => silo.GrainFactory.GetGrain<ITurnGrain>(key));
        Assert.Contains("Invalid grain key for ITurnGrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unregistered_interfaces_are_rejected()
    {
        await using var silo = TestSilo.Start();
        var error = Assert.Throws<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IUnimplementedGrain>("x"));
        Assert.Contains("No grain class implements IUnimplementedGrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grains_cannot_be_constructed_directly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FailingGrain());
        Assert.Contains("IGrainFactory.GetGrain", error.Message, StringComparison.Ordinal);
    }

    public interface IUnimplementedGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }
}
