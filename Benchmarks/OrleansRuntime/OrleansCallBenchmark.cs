using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
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
/// gateway on loopback. Rounds alternate among the three; medians are reported.
/// </summary>
internal static class OrleansCallBenchmark
{
    public static async Task<JsonObject> RunAsync(int callers, TimeSpan roundLength, int rounds, TextWriter log)
    {
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        siloBuilder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        siloBuilder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort));
        using var siloHost = siloBuilder.Build();
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

        // Warm up all three (JIT, activations, connections, thread pool).
        await CallLoop.MeasureAsync(i => local[i].PingAsync(1), callers, TimeSpan.FromSeconds(1));
        await CallLoop.MeasureAsync(i => remote[i].PingAsync(1), callers, TimeSpan.FromSeconds(1));
        await CallLoop.MeasureAsync(i => channels[i].CallAsync(1), callers, TimeSpan.FromSeconds(1));

        var localRounds = new List<CallRound>();
        var remoteRounds = new List<CallRound>();
        var channelRounds = new List<CallRound>();
        for (var r = 0; r < rounds; r++)
        {
            channelRounds.Add(await CallLoop.MeasureAsync(i => channels[i].CallAsync(r), callers, roundLength));
            localRounds.Add(await CallLoop.MeasureAsync(i => local[i].PingAsync(r), callers, roundLength));
            remoteRounds.Add(await CallLoop.MeasureAsync(i => remote[i].PingAsync(r), callers, roundLength));
            log.WriteLine($"round {r + 1}/{rounds}: channel {channelRounds[^1].CallsPerSecond:N0}/s | in-silo {localRounds[^1].CallsPerSecond:N0}/s p99 {localRounds[^1].P99Us:N0} µs | gateway {remoteRounds[^1].CallsPerSecond:N0}/s p99 {remoteRounds[^1].P99Us:N0} µs");
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
        return new JsonObject
        {
            ["benchmark"] = "Orleans 10.4.2 grain calls (in the silo's process; from a client through the gateway on loopback) vs raw Channel<T> request/response, same run",
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
            ["channel_calls_per_sec"] = Math.Round(channelRate),
            ["channel_call_p99_us"] = Math.Round(Stats.Median(channelRounds.Select(r => r.P99Us)), 1),
            ["grain_call_ratio_vs_channel"] = Math.Round(localRate / channelRate, 3),
            ["gateway_call_ratio_vs_channel"] = Math.Round(remoteRate / channelRate, 3),
            ["target_grain_call_ratio_vs_channel"] = 0.25,
        };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
