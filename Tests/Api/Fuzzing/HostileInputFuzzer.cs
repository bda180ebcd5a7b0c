using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// Sends hostile requests (<see cref="FuzzRequests"/>) to every route of an in-process API host (<see cref="FuzzRoutes"/>)
/// and checks the rule every answer must keep: a 2xx or 3xx, or a 4xx whose body is a ProblemDetails
/// (application/problem+json with its status); never a 5xx, never a dropped request, never a hang. Measures the managed
/// heap before and after (full collections), so unbounded growth shows. Server-sent event streams are checked on their
/// headers and then closed.
/// </summary>
public static class HostileInputFuzzer
{
    /// <summary>Most failures kept with their details (all are counted).</summary>
    public const int MaxFailuresKept = 200;

    /// <summary>How many times more often a route that reads a body is drawn.</summary>
    public const int BodyRouteWeight = 6;

    /// <summary>Longest a single request may take before it counts as a hang.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The limits and key of a host, read from its configuration (defaults where unset).</summary>
    public static FuzzLimits LimitsOf(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        return new FuzzLimits(
            configuration["Api:ApiKey"],
            configuration.GetValue("Api:MaxRequestBodyBytes", 4L * 1024 * 1024),
            configuration.GetValue("Cameras:MaxFrameBytes", 8L * 1024 * 1024),
            configuration.GetValue("Api:MaxEventsPerBatch", 10_000));
    }

    /// <summary>Runs <see cref="FuzzSettings.Cases"/> cases through <paramref name="client"/> (a client of the host whose <paramref name="services"/> are given).</summary>
    public static async Task<FuzzReport> RunAsync(HttpClient client, IServiceProvider services, FuzzSettings settings, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        var routes = FuzzRoutes.From(services);
        var weighted = Weighted(routes);
        var requests = new FuzzRequests(LimitsOf(services));
        var counts = routes.ToDictionary(r => r.Name, _ => new FuzzRouteCounts(), StringComparer.Ordinal);
        var failures = new ConcurrentQueue<FuzzFailure>();
        var failureCount = 0;
        var done = 0;
        long peak = 0;

        var before = CollectedHeap();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(settings.FirstCase, settings.Cases),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var random = new Random(settings.CaseSeed(index));
                var route = weighted[random.Next(weighted.Count)];
                var started = Stopwatch.GetTimestamp();
                var (status, failure) = await SendAsync(client, requests, route, random, index, settings, token);
                counts[route.Name].Add(status, failure is not null, Stopwatch.GetElapsedTime(started));
                if (failure is not null)
                {
                    Interlocked.Increment(ref failureCount);
                    if (failures.Count < MaxFailuresKept)
                    {
                        failures.Enqueue(failure);
                    }
                }

                var n = Interlocked.Increment(ref done);
                if (n % 1000 == 0)
                {
                    var heap = GC.GetTotalMemory(forceFullCollection: false);
                    InterlockedMax(ref peak, heap);
                    progress?.Invoke($"{n} cases, {Volatile.Read(ref failureCount)} rule breaks, heap {heap / 1048576} MB");
                }
            });
        clock.Stop();
        var after = CollectedHeap();

        return new FuzzReport(settings, counts, [.. failures.OrderBy(f => f.Index)], failureCount, clock.Elapsed, before, after, Math.Max(peak, Math.Max(before, after)));
    }

    /// <summary>
    /// The routes to draw from: a route that reads a body (the parsers, the widest attack surface) appears
    /// <see cref="BodyRouteWeight"/> times, every other route once.
    /// </summary>
    public static IReadOnlyList<FuzzRoute> Weighted(IReadOnlyList<FuzzRoute> routes) =>
        [.. (routes ?? throw new ArgumentNullException(nameof(routes))).SelectMany(r => Enumerable.Repeat(r, r.ReadsBody ? BodyRouteWeight : 1))];

    private static async Task<(int Status, FuzzFailure? Failure)> SendAsync(HttpClient client, FuzzRequests requests, FuzzRoute route, Random random, int index, FuzzSettings settings, CancellationToken cancellationToken)
    {
        using var request = requests.Create(route, random);
        var described = $"{request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType?.ToString() ?? "no content type"}, " +
            $"{(request.Content is null ? "no body" : request.Content.Headers.ContentLength is { } length ? $"{length} bytes" : "chunked")}]";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var streaming = settings.StreamingRoutes.Contains(route.Name);
        timeout.CancelAfter(streaming ? settings.StreamingWait : RequestTimeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType == "text/event-stream")
            {
                return (status, status >= 400 ? new FuzzFailure(index, "not-problem-details", route.Name, described, status, "an event stream") : null);
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (status >= 500)
            {
                return (status, new FuzzFailure(index, "server-error", route.Name, described, status, Snippet(body)));
            }

            if (status >= 400 && !IsProblem(mediaType, body, status))
            {
                return (status, new FuzzFailure(index, "not-problem-details", route.Name, described, status, $"{mediaType}: {Snippet(body)}"));
            }

            return (status, null);
        }
        catch (OperationCanceledException) when (streaming && !cancellationToken.IsCancellationRequested)
        {
            return (200, null);                                                              // still streaming
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (0, new FuzzFailure(index, "timeout", route.Name, described, 0, $"no answer within {RequestTimeout.TotalSeconds} s"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return (0, new FuzzFailure(index, "crash", route.Name, described, 0, e.ToString()[..Math.Min(2000, e.ToString().Length)]));
        }
    }

    private static bool IsProblem(string? mediaType, byte[] body, int status)
    {
        if (mediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("status", out var value) && value.TryGetInt32(out var code) && code == status
                && json.RootElement.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Snippet(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 600));
        return body.Length > 600 ? text + "..." : text;
    }

    private static long CollectedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
