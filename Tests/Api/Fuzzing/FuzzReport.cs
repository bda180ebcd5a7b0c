using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>What a fuzz run sent and got back.</summary>
/// <param name="Settings">The run's seed and size.</param>
/// <param name="Routes">Answers per route ("METHOD pattern").</param>
/// <param name="Failures">Every case that broke a rule, up to <see cref="HostileInputFuzzer.MaxFailuresKept"/>.</param>
/// <param name="FailureCount">All cases that broke a rule.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="HeapBeforeBytes">Managed heap after a full collection before the run.</param>
/// <param name="HeapAfterBytes">Managed heap after a full collection after the run.</param>
/// <param name="HeapPeakBytes">Largest managed heap seen during the run (sampled).</param>
public sealed record FuzzReport(
    FuzzSettings Settings,
    IReadOnlyDictionary<string, FuzzRouteCounts> Routes,
    IReadOnlyList<FuzzFailure> Failures,
    int FailureCount,
    TimeSpan Elapsed,
    long HeapBeforeBytes,
    long HeapAfterBytes,
    long HeapPeakBytes)
{
    /// <summary>Requests sent.</summary>
    public int Cases => Routes.Values.Sum(r => r.Cases);

    /// <summary>5xx answers and requests with no answer at all.</summary>
    public int ServerErrors => Routes.Values.Sum(r => r.ServerError);

    /// <summary>Managed heap growth over the run, after full collections.</summary>
    public long HeapGrowthBytes => HeapAfterBytes - HeapBeforeBytes;

    /// <summary>A one-line summary.</summary>
    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"fuzz seed {Settings.Seed}: {Cases} cases on {Routes.Count} routes in {Elapsed.TotalSeconds:F1} s ({Cases / Math.Max(Elapsed.TotalSeconds, 1e-9):F0}/s), " +
        $"{ServerErrors} server errors, {FailureCount} rule breaks; heap {Mb(HeapBeforeBytes)} -> {Mb(HeapAfterBytes)} MB (peak {Mb(HeapPeakBytes)} MB)");

    /// <summary>The figures as JSON (docs/benchmarks/chaos.json).</summary>
    public JsonObject ToJson()
    {
        var routes = new JsonObject();
        foreach (var (name, counts) in Routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            routes[name] = new JsonObject
            {
                ["cases"] = counts.Cases,
                ["2xx"] = counts.Success,
                ["3xx"] = counts.Redirect,
                ["4xx"] = counts.ClientError,
                ["5xx"] = counts.ServerError,
                ["rule_breaks"] = counts.Failures,
                ["mean_ms"] = Math.Round(counts.MeanMilliseconds, 2),
                ["max_ms"] = Math.Round(counts.MaxMilliseconds, 1),
            };
        }

        return new JsonObject
        {
            ["fuzz_cases"] = Cases,
            ["server_errors"] = ServerErrors,
            ["fuzz_rule_breaks"] = FailureCount,
            ["fuzz_seed"] = Settings.Seed,
            ["fuzz_routes"] = Routes.Count,
            ["fuzz_seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["fuzz_cases_per_sec"] = Math.Round(Cases / Math.Max(Elapsed.TotalSeconds, 1e-9)),
            ["fuzz_heap_before_mb"] = Mb(HeapBeforeBytes),
            ["fuzz_heap_after_mb"] = Mb(HeapAfterBytes),
            ["fuzz_heap_peak_mb"] = Mb(HeapPeakBytes),
            ["fuzz_per_route"] = routes,
            ["fuzz_failures"] = new JsonArray([.. Failures.Take(20).Select(f => (JsonNode)f.ToString())]),
        };
    }

    private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);
}
