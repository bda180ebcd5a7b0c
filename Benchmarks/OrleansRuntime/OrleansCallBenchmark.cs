using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.OrleansRuntime;

/// <summary>
/// Grain calls on Microsoft Orleans 10.4.2 against the floor of any mailbox-based call, a raw Channel&lt;T&gt;
/// request/response loop (<see cref="ChannelServer"/>), in one run: C callers each awaiting one call at a time on its
/// own grain, (a) inside the silo's process through its grain factory, (b) from an external client through the
/// gateway on loopback, (c) through the API host: an HTTP GET on loopback to a minimal-API route in the silo's own
/// process that calls the grain (the shape of every query route: the API co-hosts the silo). Rounds alternate among the
/// four; medians are reported.
/// </summary>
internal static class OrleansCallBenchmark
{
    public static async Task<JsonObject> RunAsync(int callers, TimeSpan roundLength, int rounds, TextWriter log)
    {
        var (siloPort, gatewayPort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        var httpPort = LoopbackPorts.Free();
        var siloBuilder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        siloBuilder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        siloBuilder.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
        siloBuilder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort));
        await using var siloHost = siloBuilder.Build();
        siloHost.MapGet("/ping/{caller:int}/{value:int}", (int caller, int value, Orleans.IGrainFactory grains) =>
            grains.GetGrain<IOrleansPingGrain>($"ping-{caller}").PingAsync(value));
        await siloHost.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        clientBuilder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        clientBuilder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        using var clientHost = clientBuilder.Build();
        await clientHost.StartAsync();

        var inSilo = siloHost.Services.GetRequiredService<Orleans.IGrainFactory>();
        var viaGateway = clientHost.Services.GetRequiredService<Orleans.IClusterClient>();
        var local = Enumerable.Range(0, callers).Select(i => inSilo.GetGrain<IOrleansPingGrain>($"ping-{i}")).ToArray();
        var remote = Enumerable.Range(0, callers).Select(i => viaGateway.GetGrain<IOrleansPingGrain>($"ping-{i}")).ToArray();
        var channels = Enumerable.Range(0, callers).Select(_ => new ChannelServer()).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = callers }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        async Task<int> CallApiAsync(int caller, int value) =>
            int.Parse(await http.GetStringAsync(new Uri($"ping/{caller}/{value}", UriKind.Relative)), System.Globalization.CultureInfo.InvariantCulture);

        // Warm up all three (JIT, activations, connections, thread pool).
        await CallLoop.MeasureAsync(i => local[i].PingAsync(1), callers, TimeSpan.FromSeconds(1));
        await CallLoop.MeasureAsync(i => remote[i].PingAsync(1), callers, TimeSpan.FromSeconds(1));
        await CallLoop.MeasureAsync(i => channels[i].CallAsync(1), callers, TimeSpan.FromSeconds(1));
        await CallLoop.MeasureAsync(i => CallApiAsync(i, 1), callers, TimeSpan.FromSeconds(1));

        var localRounds = new List<CallRound>();
        var remoteRounds = new List<CallRound>();
        var channelRounds = new List<CallRound>();
        var apiRounds = new List<CallRound>();
        for (var r = 0; r < rounds; r++)
        {
            channelRounds.Add(await CallLoop.MeasureAsync(i => channels[i].CallAsync(r), callers, roundLength));
            localRounds.Add(await CallLoop.MeasureAsync(i => local[i].PingAsync(r), callers, roundLength));
            remoteRounds.Add(await CallLoop.MeasureAsync(i => remote[i].PingAsync(r), callers, roundLength));
            apiRounds.Add(await CallLoop.MeasureAsync(i => CallApiAsync(i, r), callers, roundLength));
            log.WriteLine($"round {r + 1}/{rounds}: channel {channelRounds[^1].CallsPerSecond:N0}/s | in-silo {localRounds[^1].CallsPerSecond:N0}/s p99 {localRounds[^1].P99Us:N0} µs | gateway {remoteRounds[^1].CallsPerSecond:N0}/s p99 {remoteRounds[^1].P99Us:N0} µs | API host {apiRounds[^1].CallsPerSecond:N0}/s p99 {apiRounds[^1].P99Us:N0} µs");
        }

        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        await clientHost.StopAsync();
        await siloHost.StopAsync();

        var channelRate = Stats.Median(channelRounds.Select(r => r.CallsPerSecond));
        var localRate = Stats.Median(localRounds.Select(r => r.CallsPerSecond));
        var remoteRate = Stats.Median(remoteRounds.Select(r => r.CallsPerSecond));
        var apiRate = Stats.Median(apiRounds.Select(r => r.CallsPerSecond));
        return new JsonObject
        {
            ["benchmark"] = "Orleans 10.4.2 grain calls (in the silo's process; through the API host: HTTP GET on loopback to a minimal-API route that calls the grain; from a client through the gateway on loopback) vs raw Channel<T> request/response, same run",
            ["callers"] = callers,
            ["round_seconds"] = roundLength.TotalSeconds,
            ["rounds"] = rounds,
            ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
            ["grain_calls_per_sec"] = Math.Round(localRate),
            ["grain_call_p50_us"] = Math.Round(Stats.Median(localRounds.Select(r => r.P50Us)), 1),
            ["grain_call_p99_us"] = Math.Round(Stats.Median(localRounds.Select(r => r.P99Us)), 1),
            ["gateway_calls_per_sec"] = Math.Round(remoteRate),
            ["gateway_call_p50_us"] = Math.Round(Stats.Median(remoteRounds.Select(r => r.P50Us)), 1),
            ["gateway_call_p99_us"] = Math.Round(Stats.Median(remoteRounds.Select(r => r.P99Us)), 1),
            ["api_host_calls_per_sec"] = Math.Round(apiRate),
            ["api_host_call_p50_us"] = Math.Round(Stats.Median(apiRounds.Select(r => r.P50Us)), 1),
            ["api_host_call_p99_us"] = Math.Round(Stats.Median(apiRounds.Select(r => r.P99Us)), 1),
            ["channel_calls_per_sec"] = Math.Round(channelRate),
            ["channel_call_p99_us"] = Math.Round(Stats.Median(channelRounds.Select(r => r.P99Us)), 1),
            ["grain_call_ratio_vs_channel"] = Math.Round(localRate / channelRate, 3),
            ["gateway_call_ratio_vs_channel"] = Math.Round(remoteRate / channelRate, 3),
            ["api_host_call_ratio_vs_channel"] = Math.Round(apiRate / channelRate, 3),
            ["target_grain_call_ratio_vs_channel"] = 0.25,
        };
    }

}
