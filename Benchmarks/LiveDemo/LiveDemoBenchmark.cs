using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.LiveDemo;

/// <summary>
/// What a user sees in the running demo: starts the whole system through the Aspire app host on embedded defaults
/// (every generator on, three cameras at <c>--camera-fps</c>), waits until frames are analysed, then for a window
/// measures the per-frame analysis time (p50 from the <c>streamorleans_cameras_stage_duration_seconds{stage="total"}</c>
/// histogram on /metrics, interpolated within its bucket as Prometheus' histogram_quantile does), the frames skipped
/// (load shedding, from GET /api/cameras) and how long GET /api/cameras takes to answer. Stops the app host with SIGTERM.
/// </summary>
internal static partial class LiveDemoBenchmark
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    public static async Task<JsonObject> RunAsync(string root, int cameraFps, TimeSpan warmUp, TimeSpan window, TextWriter log)
    {
        var appHost = Path.Combine(root, "AppHost", "bin", "Release", "net10.0", "StreamOrleans.AppHost.dll");
        if (!File.Exists(appHost))
        {
            throw new FileNotFoundException($"{appHost} is missing: build the solution in Release first (scripts/setup.sh, then dotnet build -c Release).", appHost);
        }

        var data = Directory.CreateTempSubdirectory("streamorleans-live-");
        var apiPort = LoopbackPorts.Free();
        var dashboardPort = LoopbackPorts.Free();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = Start(root, appHost, data.FullName, apiPort, dashboardPort, cameraFps, console);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await WaitUntilAsync(async () => (await TryGetAsync(http, "health"))?.IsSuccessStatusCode == true, StartTimeout, "the API to become healthy", process);
            log.WriteLine($"API up on port {apiPort}; waiting for the cameras' first analysed frames");
            await WaitUntilAsync(async () => (await CamerasAsync(http)).Sum(c => c.Frames) >= 3, StartTimeout, "the first analysed frames", process);
            log.WriteLine($"frames flow; warming up {warmUp.TotalSeconds:0} s");
            await Task.Delay(warmUp);

            var before = await CamerasAsync(http);
            var histogramBefore = await TotalHistogramAsync(http);
            var routeMs = new List<double>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < window)
            {
                var started = Stopwatch.GetTimestamp();
                await CamerasAsync(http);
                routeMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            var after = await CamerasAsync(http);
            var histogramAfter = await TotalHistogramAsync(http);
            var frames = after.Sum(c => c.Frames) - before.Sum(c => c.Frames);
            var skipped = after.Sum(c => c.Skipped) - before.Sum(c => c.Skipped);
            var buckets = histogramAfter.Select(b => (b.UpperBound, Count: b.Count - histogramBefore.FirstOrDefault(x => x.UpperBound == b.UpperBound).Count)).ToList();
            var sent = after.Count * cameraFps * window.TotalSeconds;
            log.WriteLine($"window {window.TotalSeconds:0} s: {frames} frames analysed of ~{sent:0} sent, {skipped} skipped, GET /api/cameras median {Stats.Median(routeMs):0.0} ms");
            return new JsonObject
            {
                ["live_p50_frame_ms"] = Quantile(buckets, 0.5) is { } p50 ? Math.Round(p50 * 1000, 1) : null,
                ["live_p95_frame_ms"] = Quantile(buckets, 0.95) is { } p95 ? Math.Round(p95 * 1000, 1) : null,
                ["live_skipped_frames"] = skipped,
                ["live_frames_analysed"] = frames,
                ["live_frames_sent_approx"] = Math.Round(sent),
                ["live_cameras"] = after.Count,
                ["live_camera_fps_sent"] = cameraFps,
                ["live_cameras_route_ms"] = Math.Round(Stats.Median(routeMs), 1),
                ["live_cameras_route_p95_ms"] = Math.Round(Stats.Percentile([.. routeMs], routeMs.Count, 95), 1),
                ["live_window_seconds"] = window.TotalSeconds,
                ["live_note"] = $"scripted run of the full AppHost demo (every generator on: counters 2000/s, shoppers, posts, {after.Count} cameras x {cameraFps} fps) " +
                    "on this machine; frame p50/p95 from the total-stage histogram on /metrics (bucket-interpolated), route time = GET /api/cameras once a second",
            };
        }
        catch
        {
            log.WriteLine($"the app host's last console lines:{Environment.NewLine}{string.Join(Environment.NewLine, console)}");
            throw;
        }
        finally
        {
            await StopAsync(process, log);
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp folder is cleaned by the OS.
            }
        }
    }

    private static Process Start(string root, string appHost, string data, int apiPort, int dashboardPort, int cameraFps, System.Collections.Concurrent.ConcurrentQueue<string> console)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in new[] { appHost, "--data", data, "--port", $"{apiPort}", "--camera-fps", $"{cameraFps}" })
        {
            info.ArgumentList.Add(argument);
        }

        // The Aspire dashboard's addresses, as scripts/run.sh sets them.
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dashboardPort}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start the app host");
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            console.Enqueue(line);
            while (console.Count > 60 && console.TryDequeue(out _))
            {
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task StopAsync(Process process, TextWriter log)
    {
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM: the app host stops its resources cleanly (the API checkpoints every queue).
        _ = Kill(process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            log.WriteLine("the app host did not stop within 60 s of SIGTERM; killing it");
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the app host exited ({process.ExitCode}) while waiting for {what}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetAsync(new Uri(path, UriKind.Relative));
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<List<(string Id, long Frames, long Skipped)>> CamerasAsync(HttpClient http)
    {
        if (await TryGetAsync(http, "api/cameras") is not { IsSuccessStatusCode: true } response)
        {
            return [];
        }

        using (response)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var list = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.GetProperty("cameras");
            return [.. list.EnumerateArray().Select(c => (c.GetProperty("cameraId").GetString()!, c.GetProperty("frames").GetInt64(), c.TryGetProperty("skipped", out var s) ? s.GetInt64() : 0))];
        }
    }

    // Cumulative bucket counts of the total-stage histogram, summed over series (one per camera or scope).
    private static async Task<List<(double UpperBound, double Count)>> TotalHistogramAsync(HttpClient http)
    {
        var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        return [.. BucketLine().Matches(text)
            .Where(m => m.Groups["labels"].Value.Contains("stage=\"total\"", StringComparison.Ordinal))
            .Select(m => (Le: LeLabel().Match(m.Groups["labels"].Value).Groups[1].Value, Count: double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .Select(b => (UpperBound: b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture), b.Count))
            .GroupBy(b => b.UpperBound).Select(g => (g.Key, g.Sum(b => b.Count))).OrderBy(b => b.Key)];
    }

    // Prometheus' histogram_quantile: find the bucket holding the rank and interpolate linearly inside it.
    internal static double? Quantile(IReadOnlyList<(double UpperBound, double Count)> cumulative, double q)
    {
        if (cumulative.Count == 0 || cumulative[^1].Count <= 0)
        {
            return null;
        }

        var rank = q * cumulative[^1].Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (upperBound, count) in cumulative)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(upperBound) ? lowerBound : lowerBound + ((upperBound - lowerBound) * (rank - lowerCount) / Math.Max(count - lowerCount, 1e-9));
            }

            (lowerBound, lowerCount) = (upperBound, count);
        }

        return lowerBound;
    }


    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code enabled.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex("""^streamorleans_cameras_stage_duration_seconds_bucket\{(?<labels>[^}]*)\}\s+(?<count>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex BucketLine();

    [GeneratedRegex("le=\"([^\"]+)\"")]
    private static partial Regex LeLabel();
}
