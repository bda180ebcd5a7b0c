using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Benchmarks.Runtime;

/// <summary>
/// Grain call throughput and latency against the floor of what any actor call must do: a raw
/// <see cref="Channel{T}"/> request/response loop (a server task per target reading requests and completing a
/// TaskCompletionSource per call). Same shape on both sides: C callers, each awaiting one call at a time on its
/// own target. Rounds alternate between the two so machine noise hits both; medians are reported.
/// </summary>
internal static class GrainCallBenchmark
{
    public static async Task<JsonObject> RunAsync(int callers, TimeSpan roundLength, int rounds, TextWriter log)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddGrainRuntime(new ConfigurationBuilder().Build())
            .AddGrains(typeof(PingGrain).Assembly)
            .BuildServiceProvider();
        var runtime = services.GetRequiredService<GrainRuntime>();
        runtime.Start();
        var grains = Enumerable.Range(0, callers).Select(i => runtime.GrainFactory.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
        var channels = Enumerable.Range(0, callers).Select(_ => new ChannelServer()).ToArray();

        // Warm up both (JIT, activations, thread pool).
        await MeasureAsync(i => grains[i].PingAsync(1), callers, TimeSpan.FromSeconds(1));
        await MeasureAsync(i => channels[i].CallAsync(1), callers, TimeSpan.FromSeconds(1));

        var grainRounds = new List<Round>();
        var channelRounds = new List<Round>();
        for (var r = 0; r < rounds; r++)
        {
            channelRounds.Add(await MeasureAsync(i => channels[i].CallAsync(r), callers, roundLength));
            grainRounds.Add(await MeasureAsync(i => grains[i].PingAsync(r), callers, roundLength));
            log.WriteLine($"round {r + 1}/{rounds}: channel {channelRounds[^1].CallsPerSecond:N0}/s p99 {channelRounds[^1].P99Us:N1} µs | grain {grainRounds[^1].CallsPerSecond:N0}/s p99 {grainRounds[^1].P99Us:N1} µs");
        }

        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        await runtime.StopAsync();
        await services.DisposeAsync();

        var grainRate = Stats.Median(grainRounds.Select(r => r.CallsPerSecond));
        var channelRate = Stats.Median(channelRounds.Select(r => r.CallsPerSecond));
        return new JsonObject
        {
            ["benchmark"] = "grain calls vs raw Channel<T> request/response, same run",
            ["callers"] = callers,
            ["round_seconds"] = roundLength.TotalSeconds,
            ["rounds"] = rounds,
            ["grain_calls_per_sec"] = Math.Round(grainRate),
            ["grain_call_p50_us"] = Math.Round(Stats.Median(grainRounds.Select(r => r.P50Us)), 1),
            ["grain_call_p99_us"] = Math.Round(Stats.Median(grainRounds.Select(r => r.P99Us)), 1),
            ["channel_calls_per_sec"] = Math.Round(channelRate),
            ["channel_call_p50_us"] = Math.Round(Stats.Median(channelRounds.Select(r => r.P50Us)), 1),
            ["channel_call_p99_us"] = Math.Round(Stats.Median(channelRounds.Select(r => r.P99Us)), 1),
            ["grain_call_ratio_vs_channel"] = Math.Round(grainRate / channelRate, 3),
            ["target_grain_call_ratio_vs_channel"] = 0.25,
        };
    }

    internal static async Task<Round> MeasureAsync(Func<int, Task<int>> call, int callers, TimeSpan length)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var latencies = new double[callers][];
        var counts = new int[callers];
        var sampled = new int[callers];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            // Every call is counted; latencies are kept for every k-th call so memory stays bounded.
            const int Every = 4;
            var samples = new double[1_000_000];
            var n = 0;
            var kept = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                var t0 = Stopwatch.GetTimestamp();
                await call(i);
                if (n++ % Every == 0 && kept < samples.Length)
                {
                    samples[kept++] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                }
            }

            latencies[i] = samples;
            counts[i] = n;
            sampled[i] = kept;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany((l, i) => l.Take(sampled[i])).ToArray();
        return new Round(counts.Sum() / elapsed, Stats.Percentile(all, all.Length, 50), Stats.Percentile(all, all.Length, 99));
    }

    internal sealed record Round(double CallsPerSecond, double P50Us, double P99Us);

    /// <summary>The baseline: one reader task answering requests from a channel, like a mailbox without a runtime.</summary>
    internal sealed class ChannelServer : IDisposable
    {
        private readonly Channel<(int Value, TaskCompletionSource<int> Reply)> _requests = Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task _server;

        public ChannelServer() => _server = Task.Run(ServeAsync);

        public Task<int> CallAsync(int value)
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _requests.Writer.TryWrite((value, reply));
            return reply.Task;
        }

        public void Dispose()
        {
            _requests.Writer.TryComplete();
            _server.Wait();
        }

        private async Task ServeAsync()
        {
            await foreach (var (value, reply) in _requests.Reader.ReadAllAsync())
            {
                reply.TrySetResult(value + 1);
            }
        }
    }
}
