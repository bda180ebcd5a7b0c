using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// Hostile input on every route (<see cref="HostileInputFuzzer"/>): at least 10,000 seeded cases, every answer a 2xx,
/// 3xx or a 4xx ProblemDetails, no 5xx, no dropped request, the managed heap bounded. The seed is printed; set
/// STREAMORLEANS_FUZZ_SEED to replay a run, STREAMORLEANS_FUZZ_CASES for a longer one, STREAMORLEANS_FUZZ_FIRST_CASE
/// with STREAMORLEANS_FUZZ_CASES=1 for one case, STREAMORLEANS_FUZZ_FAILURES=file for the failures with the server's
/// exceptions, STREAMORLEANS_FUZZ_REPORT=file for the figures as JSON (`Benchmarks fuzz` runs this test so and merges
/// them into docs/benchmarks/chaos.json).
/// </summary>
[Trait("Category", "Fuzz")]
[Collection(FuzzCollection.Name)]
public sealed class HostileInputFuzzTests(FuzzHost host, ITestOutputHelper output) : IClassFixture<FuzzHost>
{
    public const int DefaultSeed = 20261207;
    public const int DefaultCases = 10_000;

    /// <summary>Most the managed heap may grow over the run (after full collections): grain activations and caches, not leaks.</summary>
    public const long MaxHeapGrowthBytes = 256L * 1024 * 1024;

    [Fact]
    public async Task Every_answer_to_hostile_input_is_a_success_or_a_problem_details_and_memory_stays_bounded()
    {
        var seed = FromEnvironment("STREAMORLEANS_FUZZ_SEED", DefaultSeed);
        var cases = FromEnvironment("STREAMORLEANS_FUZZ_CASES", DefaultCases);
        var first = FromEnvironment("STREAMORLEANS_FUZZ_FIRST_CASE", 0);
        output.WriteLine($"fuzz seed {seed} ({cases} cases from #{first}); replay with STREAMORLEANS_FUZZ_SEED={seed} (one case: STREAMORLEANS_FUZZ_FIRST_CASE=N STREAMORLEANS_FUZZ_CASES=1)");
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var report = await HostileInputFuzzer.RunAsync(client, host.Services, new FuzzSettings(seed, cases, FirstCase: first), output.WriteLine);
        if (Environment.GetEnvironmentVariable("STREAMORLEANS_FUZZ_REPORT") is { Length: > 0 } reportFile)
        {
            // Written before the assertions, for `Benchmarks fuzz` (it merges these figures into docs/benchmarks/chaos.json).
            await File.WriteAllTextAsync(reportFile, report.ToJson().ToJsonString());
        }

        if (Environment.GetEnvironmentVariable("STREAMORLEANS_FUZZ_FAILURES") is { Length: > 0 } failuresFile)
        {
            await File.WriteAllLinesAsync(failuresFile, [.. report.Failures.Select(f => f.ToString()), .. host.ServerErrors.Errors]);
        }

        output.WriteLine(report.Summary);
        foreach (var (route, counts) in report.Routes)
        {
            output.WriteLine($"  {route}: {counts.Cases} cases, {counts.Success} 2xx, {counts.Redirect} 3xx, {counts.ClientError} 4xx, {counts.ServerError} 5xx, mean {counts.MeanMilliseconds:F1} ms, max {counts.MaxMilliseconds:F0} ms");
        }

        Assert.True(
            report.FailureCount == 0,
            $"{report.FailureCount} answers broke the rule (seed {seed}):\n{string.Join("\n", report.Failures.Take(30))}\nserver exceptions:\n{string.Join("\n", host.ServerErrors.Errors.Take(5))}");
        Assert.Equal(0, report.ServerErrors);
        Assert.True(report.Cases >= cases, $"{report.Cases} cases ran, {cases} asked");
        Assert.All(report.Routes, r => Assert.True(cases < 1000 || r.Value.Cases > 0, $"route {r.Key} got no case"));
        Assert.True(report.HeapGrowthBytes < MaxHeapGrowthBytes, report.Summary);
    }

    [Fact]
    public void Every_route_of_the_app_is_fuzzed_with_the_body_it_reads()
    {
        var routes = FuzzRoutes.From(host.Services).ToDictionary(r => r.Name);

        Assert.True(routes["POST /api/streams/{topic}/events"] is { AcceptsJson: true, Shape: JsonShape.Ingest });
        Assert.True(routes["POST /api/streams/{topic}/consumers/{group}/seek"] is { AcceptsJson: true, Shape: JsonShape.Seek });
        Assert.True(routes["POST /api/sentiment"] is { AcceptsJson: true, Shape: JsonShape.Sentiment });
        Assert.True(routes["POST /api/cameras/{id}/frames"] is { AcceptsJpeg: true, AcceptsJson: false });
        Assert.True(routes["POST /api/faces/{name}"] is { AcceptsJpeg: true, AcceptsMultipart: true });
        Assert.Contains("DELETE /api/faces/{name}", routes.Keys);
        Assert.Contains("GET /api/counters/{key}", routes.Keys);
        Assert.Contains(routes.Keys, r => r.StartsWith("GET /orleans", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_seed_makes_the_same_requests()
    {
        var routes = HostileInputFuzzer.Weighted(FuzzRoutes.From(host.Services));
        var requests = new FuzzRequests(HostileInputFuzzer.LimitsOf(host.Services));
        var settings = new FuzzSettings(DefaultSeed, 300);

        Assert.Equal(Describe(), Describe());

        List<string> Describe() => [.. Enumerable.Range(0, settings.Cases).Select(i =>
        {
            var random = new Random(settings.CaseSeed(i));
            var route = routes[random.Next(routes.Count)];
            using var request = requests.Create(route, random);
            var body = request.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
            return $"{request.Method} {request.RequestUri} {request.Content?.Headers.ContentType} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))}";
        })];
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
