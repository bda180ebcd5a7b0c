using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// Kills a real silo process with SIGKILL at random moments while it consumes a stream, restarts it, and checks
/// after every restart that each counter grain's persisted totals are exactly what was appended: nothing lost,
/// nothing counted twice. The parent appends through its own connection to the same log file.
/// </summary>
public class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public Task Totals_are_exact_after_repeated_SIGKILLs_mid_stream() =>
        SiloCrashScenario.RunAsync(output, () => [], grainType: "CounterGrain");
}
