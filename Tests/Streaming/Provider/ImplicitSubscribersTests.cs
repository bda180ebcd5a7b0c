using StreamOrleans.Grains.Diagnostics;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Tests.Streaming.Support;

namespace StreamOrleans.Tests.Streaming.Provider;

public class ImplicitSubscribersTests
{
    [Fact]
    public void Topics_no_grain_subscribes_to_are_found()
    {
        var missing = ImplicitSubscribers.Missing([typeof(CounterGrain), typeof(ProbeGrain), typeof(string)], ["counter-events", "probe-events", "orphan-events"]);

        Assert.Equal(["orphan-events"], missing);
    }
}
