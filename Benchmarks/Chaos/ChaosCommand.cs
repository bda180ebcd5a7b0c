using System.Globalization;
using System.Text.Json.Nodes;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.Chaos;

/// <summary>
/// The chaos harness as a soak: runs the CI test itself (Tests/Integration/Chaos/ChaosTests: three replicas in network
/// namespaces on a PostgreSQL server of its own, faults at random points, exact totals checked after every round)
/// through `dotnet test` with STREAMORLEANS_CHAOS_FAULTS and _SEED, so the command and CI run the same code and the
/// same checks, and merges its figures (faults, lost, duplicated, max_recovery_seconds, non_clean_errors, ...) into
/// chaos.json under their own keys, keeping the fuzzer's and the soak's. Needs root (network namespaces), nftables
/// and PostgreSQL 15 (scripts/setup.sh) and a Release build of Tests.
/// </summary>
internal static class ChaosCommand
{
    private const string TestFilter = "FullyQualifiedName~ChaosTests";

    /// <summary>Runs <paramref name="faults"/> faults; returns the test run's exit code (0: every check held).</summary>
    public static async Task<int> RunAsync(string repositoryRoot, int faults, int seed, string outputFolder, TextWriter log)
    {
        var reportPath = Path.Combine(Path.GetTempPath(), $"streamorleans-chaos-{Environment.ProcessId}.json");
        var progressPath = Path.Combine(Path.GetTempPath(), $"streamorleans-chaos-{Environment.ProcessId}.progress");
        File.WriteAllText(progressPath, "");
        log.WriteLine($"chaos: {faults} faults, seed {seed}: dotnet test {TestFilter} (build Tests in Release first; replica logs in TestResults/chaos)");

        // The test's own progress lines (one per round), as they are written.
        var shown = 0L;
        void ShowProgress()
        {
            using var file = new FileStream(progressPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(shown, SeekOrigin.Begin);
            using var reader = new StreamReader(file);
            var text = reader.ReadToEnd();
            var complete = text[..(text.LastIndexOf('\n') + 1)];
            log.Write(complete);
            shown += System.Text.Encoding.UTF8.GetByteCount(complete);
        }

        var exitCode = await TestRun.RunAsync(repositoryRoot, TestFilter, new Dictionary<string, string>
        {
            ["STREAMORLEANS_CHAOS_FAULTS"] = faults.ToString(CultureInfo.InvariantCulture),
            ["STREAMORLEANS_CHAOS_SEED"] = seed.ToString(CultureInfo.InvariantCulture),
            ["STREAMORLEANS_CHAOS_REPORT"] = reportPath,
            ["STREAMORLEANS_CHAOS_PROGRESS"] = progressPath,
        }, log, ShowProgress);
        File.Delete(progressPath);

        if (!File.Exists(reportPath))
        {
            log.WriteLine($"chaos: the test wrote no report (exit code {exitCode}); is Tests built in Release, and is this root?");
            return exitCode == 0 ? 1 : exitCode;
        }

        var figures = JsonNode.Parse(await File.ReadAllTextAsync(reportPath))!.AsObject();
        File.Delete(reportPath);
        figures.Remove("benchmark");
        figures["chaos_benchmark"] = "3 replicas (Api + silo) in network namespaces on PostgreSQL (clustering, log, state) under load on every input topic; SIGKILL, SIGSTOP, PostgreSQL restarts and partitions at random points";
        var path = Path.Combine(outputFolder, "chaos.json");
        BenchmarkOutput.Merge(path, figures, "chaos_machine");
        log.WriteLine($"wrote {path}: faults {figures["faults"]}, lost {figures["lost"]}, duplicated {figures["duplicated"]}, " +
            $"max_recovery_seconds {figures["max_recovery_seconds"]}, non_clean_errors {figures["non_clean_errors"]} (test exit code {exitCode})");
        return exitCode;
    }
}
