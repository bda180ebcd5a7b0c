using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// The exactly-once guarantee of the Orleans path, with real processes: a silo on Microsoft Orleans (Silo:Engine=Orleans,
/// the log stream provider, CounterGrain on SQLite storage) is SIGKILLed at random moments while it applies a
/// stream, restarted, and after every restart each counter's persisted totals are exactly what was appended: nothing
/// lost (the committed offset never passed unpersisted state), nothing counted twice (replays below the positions
/// stored with the state are skipped). The parent appends through its own connection to the same log file.
/// </summary>
public class OrleansCrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Process")]
    public Task Totals_are_exact_after_repeated_SIGKILLs_of_an_Orleans_silo_mid_stream() =>
        SiloCrashScenario.RunAsync(output, () =>
        {
            var ports = FreePorts.Take(2);
            return ["--Silo:Engine=Orleans", $"--Cluster:SiloPort={ports[0]}", $"--Cluster:GatewayPort={ports[1]}", "--Streams:PollInterval=00:00:00.010"];
        }, grainType: "streamcounter");
}
