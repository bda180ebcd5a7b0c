using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.Fuzzing;

/// <summary>
/// The hostile-input fuzzer at a larger count: runs the CI test itself (Tests/Api/Fuzzing/HostileInputFuzzTests, the
/// API in-process with every route fuzzed) through `dotnet test` with STREAMORLEANS_FUZZ_CASES and _SEED, so the
/// command and CI run the same code and the same rule (2xx/3xx or a 4xx ProblemDetails, never a 5xx, heap bounded),
/// and merges its figures (fuzz_cases, server_errors, per-route counts) into chaos.json, keeping the file's other keys
/// (the chaos harness writes its own). Needs a Release build of Tests.
/// </summary>
internal static class FuzzCommand
{
    private const string TestFilter = "FullyQualifiedName~HostileInputFuzzTests.Every_answer";

    /// <summary>Runs the fuzzer; returns the test run's exit code (0: every answer kept the rule).</summary>
    public static async Task<int> RunAsync(string repositoryRoot, int cases, int seed, string outputFolder, TextWriter log)
    {
        var reportPath = Path.Combine(Path.GetTempPath(), $"streamorleans-fuzz-{Environment.ProcessId}.json");
        log.WriteLine($"fuzz: {cases} cases, seed {seed}: dotnet test {TestFilter} (build Tests in Release first)");
        var exitCode = await TestRun.RunAsync(repositoryRoot, TestFilter, new Dictionary<string, string>
        {
            ["STREAMORLEANS_FUZZ_CASES"] = cases.ToString(CultureInfo.InvariantCulture),
            ["STREAMORLEANS_FUZZ_SEED"] = seed.ToString(CultureInfo.InvariantCulture),
            ["STREAMORLEANS_FUZZ_REPORT"] = reportPath,
        }, log);

        if (!File.Exists(reportPath))
        {
            log.WriteLine($"fuzz: the test wrote no report (exit code {exitCode}); is Tests built in Release?");
            return exitCode == 0 ? 1 : exitCode;
        }

        var figures = JsonNode.Parse(await File.ReadAllTextAsync(reportPath))!.AsObject();
        File.Delete(reportPath);
        var path = Path.Combine(outputFolder, "chaos.json");
        BenchmarkOutput.Merge(path, figures, "fuzz_machine");
        log.WriteLine($"wrote {path}: fuzz_cases {figures["fuzz_cases"]}, server_errors {figures["server_errors"]}, rule breaks {figures["fuzz_rule_breaks"]}, " +
            $"{figures["fuzz_cases_per_sec"]} cases/s, heap {figures["fuzz_heap_before_mb"]} -> {figures["fuzz_heap_after_mb"]} MB (test exit code {exitCode})");
        return exitCode;
    }
}
