using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Diagnostics;

/// <summary>The counter on the production silo wiring: events appended by a plain producer are applied exactly once.</summary>
public sealed class CounterGrainTests
{
    [Fact]
    public async Task Counts_and_sums_the_events_of_its_key_from_the_log()
    {
        await using var silo = await TestSilo.StartAsync();
        await silo.AppendJsonAsync(CounterEvent.Topic, [("a", """{"amount":2}"""), ("b", """{"amount":5}"""), ("a", """{"amount":3}""")]);
        await silo.WaitUntilCommittedAsync(CounterEvent.Topic);

        Assert.Equal(new CounterSnapshot(2, 5), await silo.GrainFactory.GetGrain<ICounterGrain>("a").GetAsync());
        Assert.Equal(new CounterSnapshot(1, 5), await silo.GrainFactory.GetGrain<ICounterGrain>("b").GetAsync());
    }
}
