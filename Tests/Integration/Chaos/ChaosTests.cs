using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// The chaos harness at CI size: 100 faults (SIGKILL, SIGSTOP, PostgreSQL restarts, network partitions) on three
/// replicas under load; nothing lost, nothing applied twice, every queue read by exactly one silo after each round,
/// every answer a success or a clean 503. `Benchmarks chaos --faults 1000` runs this same test longer
/// (STREAMORLEANS_CHAOS_FAULTS, _SEED and _REPORT) and writes chaos.json. Runs alone (its own collection without
/// parallelism): it loads the machine.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Process")]
    [Trait("Category", "Chaos")]
    public async Task Faults_at_random_points_lose_nothing_apply_nothing_twice_and_every_answer_is_a_success_or_a_clean_503()
    {
        if (ChaosHarness.Unavailable() is { } reason)
        {
            throw new InvalidOperationException($"The chaos harness cannot run here: {reason}.");
        }

        var faults = Number("STREAMORLEANS_CHAOS_FAULTS", 100);
        var seed = Number("STREAMORLEANS_CHAOS_SEED", Environment.TickCount & 0xFFFF);
        var settings = new ChaosSettings(faults, FaultsPerRound: 20, seed, Partitions: 8, FaultWindow: TimeSpan.FromSeconds(20));
        var progress = new OutputWriter(output);
        var json = await ChaosHarness.RunAsync(settings, progress);
        var text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(text);
        if (Environment.GetEnvironmentVariable("STREAMORLEANS_CHAOS_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, text);
        }

        var summary = $"seed {seed}: {json}";
        Assert.True(json["faults"]!.GetValue<int>() >= faults, summary);
        Assert.True(json["lost"]!.GetValue<long>() == 0, $"lost events; {summary}");
        Assert.True(json["duplicated"]!.GetValue<long>() == 0, $"events applied twice; {summary}");
        Assert.True(json["mismatched"]!.GetValue<long>() == 0, $"state details differ from the log; {summary}");
        // Each of the 32 queues read by exactly one silo within 60 s of the round's last fault. (Until 2026-12-08 about
        // 1 round in 10 failed this: a queue taken over while PostgreSQL restarted could not read its committed offset,
        // and Orleans' agent never initializes a receiver twice; LogQueueReceiver now starts at the next read.)
        Assert.True(json["ownership_violations"]!.GetValue<int>() == 0, $"rounds with a queue read by no silo or by two; {summary}");
        Assert.True(json["non_clean_errors"]!.GetValue<long>() == 0, $"answers neither a success nor a clean 503; {summary}");
    }

    private static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    // Progress lines go to the test output, and to STREAMORLEANS_CHAOS_PROGRESS when set: `dotnet test` shows a test's
    // output only when it ends, so the soak command follows that file to show a long run moving.
    private sealed class OutputWriter(ITestOutputHelper output) : StringWriter(CultureInfo.InvariantCulture)
    {
        private readonly string? _progress = Environment.GetEnvironmentVariable("STREAMORLEANS_CHAOS_PROGRESS") is { Length: > 0 } path ? path : null;

        public override void WriteLine(string? value)
        {
            output.WriteLine(value ?? "");
            if (_progress is not null)
            {
                File.AppendAllText(_progress, (value ?? "") + Environment.NewLine);
            }
        }
    }
}
