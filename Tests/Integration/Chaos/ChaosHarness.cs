using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Streaming.Log.Postgres;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// Jepsen-style fault injection on a real cluster: three replicas (the Api co-hosting a silo) in their own network
/// namespaces, on a PostgreSQL server of the run's own (clustering, stream log, grain state), under continuous load on
/// every input topic. Each round injects faults at random points (SIGKILL and restart, SIGSTOP/SIGCONT, a PostgreSQL
/// restart, a network partition), overlapping; waits until every fault is healed; stops the load and waits until every
/// queue is committed to its end (recovery time, from the last heal); then checks that the grains persisted exactly
/// what the log holds (nothing lost, nothing applied twice), that every acknowledged append is in the log, and that
/// each queue is read by exactly one silo. Every API answer during the run must be a success or a clean 503.
/// </summary>
internal sealed class ChaosHarness
{
    private const int Replicas = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan HealTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan OwnershipTimeout = TimeSpan.FromSeconds(60);
    private readonly ChaosSettings _settings;
    private readonly TextWriter _progress;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly bool[] _busy = new bool[Replicas];
    private readonly bool[] _killedByHarness = new bool[Replicas];
    private readonly double[] _restartDelay = new double[Replicas];
    private readonly Dictionary<ChaosFaultKind, int> _faults = [];
    private readonly JsonArray _rounds = [];
    private ChaosNetwork _network = null!;
    private ChaosPostgres _postgres = null!;
    private ChaosReplica[] _replicas = null!;
    private bool _postgresRestarting;
    private int _selfExits;
    private int _startFailures;

    private ChaosHarness(ChaosSettings settings, TextWriter progress)
    {
        _settings = settings;
        _progress = progress;
        _random = new Random(settings.Seed);
    }

    /// <summary>Says why the harness cannot run on this machine, or null when it can.</summary>
    public static string? Unavailable() => ChaosNetwork.Unavailable() ?? ChaosPostgres.Unavailable();

    /// <summary>Runs <paramref name="settings"/> and returns the figures (see docs/benchmarks.md, chaos.json).</summary>
    public static Task<JsonObject> RunAsync(ChaosSettings settings, TextWriter progress) => new ChaosHarness(settings, progress).RunAsync();

    private async Task<JsonObject> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var logs = Directory.CreateDirectory(Path.Combine(Support.RepositoryPaths.Root, "TestResults", "chaos")).FullName;
        Say($"chaos: {_settings.Faults} faults in {_settings.Rounds} rounds, seed {_settings.Seed}; replica logs in {logs}");
        using var network = _network = ChaosNetwork.Create(Replicas);
        using var postgres = _postgres = ChaosPostgres.Start(network.HostAddress, $"10.213.{network.Subnet}.0/24");
        await using var dataSource = postgres.DataSource();
        await using var log = new PostgresStreamLog(dataSource, Options.Create(new PostgresStreamLogOptions()));
        foreach (var topic in ChaosWorkload.Topics)
        {
            await log.CreateTopicAsync(topic, _settings.Partitions);
        }

        var writers = Enumerable.Range(0, Replicas)
            .Select(i => TextWriter.Synchronized(new StreamWriter(Path.Combine(logs, $"replica-{i}.log"), append: false) { AutoFlush = true })).ToArray();
        _replicas = [.. Enumerable.Range(0, Replicas).Select(i => new ChaosReplica(i, network.NamespaceOf(i), network.AddressOf(i), () => Arguments(i), writers[i]))];
        using var stopping = new CancellationTokenSource();
        var supervisors = new List<Task>();
        try
        {
            await Task.WhenAll(_replicas.Select(r => r.StartAsync(StartTimeout)));
            Say($"chaos: 3 replicas listening after {clock.Elapsed.TotalSeconds:0.0} s");
            supervisors.AddRange(_replicas.Select(r => SuperviseAsync(r, stopping.Token)));

            using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromSeconds(15) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            var answers = new ChaosAnswers();
            var frame = Tests.Grains.Cameras.FaceAssets.DemoPhoto("sample2.jpg");
            var workload = new ChaosWorkload(http, PickReplica, answers, frame, _settings.Seed);
            var ledger = new ChaosLedger(log, dataSource);
            var recoveries = new List<double>();
            ChaosDifferences? last = null;
            var missing = new List<string>();
            var ownershipViolations = 0;
            var injected = 0;
            for (var round = 1; round <= _settings.Rounds; round++)
            {
                var count = Math.Min(_settings.FaultsPerRound, _settings.Faults - injected);
                var result = await RoundAsync(round, count, workload, ledger, log, http);
                injected += count;
                recoveries.Add(result.Recovery);
                last = result.Differences;
                missing = result.Missing;
                ownershipViolations += result.OwnershipOk ? 0 : 1;
                Say($"chaos: round {round}/{_settings.Rounds}: {count} faults ({result.Kinds}), recovered in {result.Recovery:0.0} s; " +
                    $"lost {last.Lost}, duplicated {last.Duplicated}, mismatched {last.Mismatched}, acknowledged missing {missing.Count}, " +
                    $"queues {(result.OwnershipOk ? "each read once" : "NOT each read once")} ; answers ok {answers.Successes}, 503 {answers.Unavailables}, " +
                    $"interrupted {answers.Interruptions}, non-clean {answers.NonCleanCount}; {clock.Elapsed.TotalSeconds:0} s");
            }

            var json = new JsonObject
            {
                ["benchmark"] = "chaos: 3 replicas (Api + silo) in network namespaces on PostgreSQL (clustering, log, state), continuous load on every input topic, faults at random points",
                ["faults"] = injected,
                ["faults_by_kind"] = new JsonObject(_faults.OrderBy(f => f.Key).Select(f => KeyValuePair.Create(Name(f.Key), (JsonNode?)f.Value))),
                ["rounds"] = _settings.Rounds,
                ["seed"] = _settings.Seed,
                ["lost"] = (last?.Lost ?? 0) + missing.Count,
                ["duplicated"] = last?.Duplicated ?? 0,
                ["mismatched"] = last?.Mismatched ?? 0,
                ["acknowledged_missing"] = missing.Count,
                ["max_recovery_seconds"] = Math.Round(recoveries.DefaultIfEmpty(0).Max(), 2),
                ["median_recovery_seconds"] = Math.Round(Median(recoveries), 2),
                ["ownership_violations"] = ownershipViolations,
                ["records"] = ledger.Records,
                ["acknowledged_appends"] = workload.AcknowledgedAppends.Count,
                ["self_exits"] = _selfExits,
                ["start_failures"] = _startFailures,
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
                ["difference_examples"] = new JsonArray([.. (last?.Examples ?? []).Concat(missing.Take(10)).Select(e => (JsonNode)e)]),
                ["per_round"] = _rounds,
            };
            foreach (var (key, value) in answers.ToJson())
            {
                json[key] = value?.DeepClone();
            }

            return json;
        }
        finally
        {
            await stopping.CancelAsync();
            foreach (var replica in _replicas)
            {
                replica.Dispose();
            }

            await Task.WhenAll(supervisors.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
    }

    private sealed record RoundResult(double Recovery, ChaosDifferences Differences, List<string> Missing, bool OwnershipOk, string Kinds);

    private async Task<RoundResult> RoundAsync(int round, int count, ChaosWorkload workload, ChaosLedger ledger, PostgresStreamLog log, HttpClient http)
    {
        using var load = new CancellationTokenSource();
        var loading = workload.RunAsync(load.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Faults start at random points of the window and heal on their own timers, overlapping.
        var starts = Enumerable.Range(0, count).Select(_ => _random.NextDouble() * _settings.FaultWindow.TotalSeconds).Order().ToList();
        var faults = new List<Task>();
        var kinds = new List<string>();
        var window = Stopwatch.StartNew();
        foreach (var at in starts)
        {
            var wait = TimeSpan.FromSeconds(at) - window.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var (kind, task, what) = Inject();
            _faults[kind] = _faults.GetValueOrDefault(kind) + 1;
            kinds.Add(what);
            faults.Add(task);
        }

        await Task.WhenAll(faults);
        await WaitUntilAsync(Healthy, HealTimeout, "every replica running, no partition, PostgreSQL up");
        var healedAt = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await load.CancelAsync();
        await loading;

        // Recovery: every queue committed to the end the log had when the load stopped.
        var ends = new Dictionary<(string, int), long>();
        foreach (var topic in ChaosWorkload.Topics)
        {
            foreach (var range in await RetryAsync(() => log.GetOffsetsAsync(topic).AsTask()))
            {
                ends[(topic, range.Partition)] = range.EndOffset;
            }
        }

        await WaitUntilAsync(async () => await CommittedAsync(log, ends), RecoveryTimeout, "every queue committed to its end");
        var recovery = Stopwatch.GetElapsedTime(healedAt).TotalSeconds;

        await ledger.CatchUpAsync(CancellationToken.None);
        var missing = ledger.MissingAcknowledged(workload.AcknowledgedAppends);
        var differences = await ledger.CompareAsync(CancellationToken.None);
        var ownership = await OwnershipAsync(http);
        _rounds.Add(new JsonObject
        {
            ["round"] = round,
            ["faults"] = new JsonArray([.. kinds.Select(k => (JsonNode)k)]),
            ["recovery_seconds"] = Math.Round(recovery, 2),
            ["lost"] = differences.Lost + missing.Count,
            ["duplicated"] = differences.Duplicated,
            ["mismatched"] = differences.Mismatched,
            ["queues_each_read_once"] = ownership.Ok,
            ["queues_settled_seconds"] = Math.Round(ownership.Seconds, 2),
            ["queues_detail"] = ownership.Detail,
        });
        return new RoundResult(recovery, differences, missing, ownership.Ok, string.Join(", ", kinds));
    }

    // Picks a fault and starts it; the task completes when the fault is healed.
    private (ChaosFaultKind Kind, Task Healed, string What) Inject()
    {
        lock (_gate)
        {
            var free = Enumerable.Range(0, Replicas).Where(i => !_busy[i] && _replicas[i].Running).ToList();
            var kind = (ChaosFaultKind)_random.Next(4);
            if (kind is ChaosFaultKind.Kill or ChaosFaultKind.Pause && free.Count == 0 || kind == ChaosFaultKind.PostgresRestart && _postgresRestarting)
            {
                kind = ChaosFaultKind.Partition;
            }

            switch (kind)
            {
                case ChaosFaultKind.Kill:
                {
                    var target = free[_random.Next(free.Count)];
                    var delay = 0.5 + _random.NextDouble() * 2.5;
                    return (kind, KillAsync(target, delay), $"kill r{target}, restart after {delay:0.0} s");
                }

                case ChaosFaultKind.Pause:
                {
                    var target = free[_random.Next(free.Count)];
                    var seconds = 0.5 + _random.NextDouble() * 4.5;
                    return (kind, PauseAsync(target, seconds), $"pause r{target} {seconds:0.0} s");
                }

                case ChaosFaultKind.PostgresRestart:
                {
                    var crash = _random.Next(2) == 0;
                    _postgresRestarting = true;
                    return (kind, RestartPostgresAsync(crash), $"postgres {(crash ? "crash" : "fast")} restart");
                }

                default:
                {
                    var seconds = 1 + _random.NextDouble() * 5;
                    var a = _random.Next(Replicas);
                    int[] others = _random.Next(2) == 0 ? [.. Enumerable.Range(0, Replicas).Where(i => i != a)] : [(a + 1 + _random.Next(Replicas - 1)) % Replicas];
                    return (kind, PartitionAsync(a, others, seconds), $"partition r{a} | {string.Join(",", others.Select(o => $"r{o}"))} {seconds:0.0} s");
                }
            }
        }
    }

    private async Task KillAsync(int target, double restartAfter)
    {
        _busy[target] = true;
        _restartDelay[target] = restartAfter;
        _killedByHarness[target] = true;
        _replicas[target].Kill();
        await WaitUntilAsync(() => Task.FromResult(_replicas[target].Running), HealTimeout, $"r{target} restarted");
        lock (_gate)
        {
            _busy[target] = false;
        }
    }

    private async Task PauseAsync(int target, double seconds)
    {
        _busy[target] = true;
        _replicas[target].Pause();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        _replicas[target].Continue();
        lock (_gate)
        {
            _busy[target] = false;
        }
    }

    private async Task RestartPostgresAsync(bool crash)
    {
        foreach (var replica in _replicas)
        {
            replica.Note($"postgres {(crash ? "crash" : "fast")} restart");
        }

        await Task.Run(() => _postgres.Restart(crash));
        lock (_gate)
        {
            _postgresRestarting = false;
        }
    }

    private async Task PartitionAsync(int a, int[] others, double seconds)
    {
        lock (_gate)
        {
            foreach (var other in others)
            {
                _network.Cut(a, other);
            }
        }

        foreach (var replica in _replicas)
        {
            replica.Note($"partition r{a} | {string.Join(",", others.Select(o => $"r{o}"))}");
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds));
        lock (_gate)
        {
            foreach (var other in others)
            {
                _network.Heal(a, other);
            }
        }

        foreach (var replica in _replicas)
        {
            replica.Note($"healed r{a} | {string.Join(",", others.Select(o => $"r{o}"))}");
        }
    }

    // Restarts a replica whenever its process ends: after the harness's delay for a kill, after 1 s when it ended on
    // its own (Orleans stops a silo that finds itself declared dead) or failed to start.
    private async Task SuperviseAsync(ChaosReplica replica, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await replica.Exited.WaitAsync(stopping);
            var byHarness = _killedByHarness[replica.Index];
            _killedByHarness[replica.Index] = false;
            if (!byHarness)
            {
                Interlocked.Increment(ref _selfExits);
                replica.Note("exited on its own; restarting in 1 s");
            }

            await Task.Delay(TimeSpan.FromSeconds(byHarness ? _restartDelay[replica.Index] : 1), stopping);
            try
            {
                await replica.StartAsync(StartTimeout);
            }
            catch (InvalidOperationException e)
            {
                Interlocked.Increment(ref _startFailures);
                replica.Note($"start failed: {e.Message}");
            }
        }
    }

    private Task<bool> Healthy()
    {
        lock (_gate)
        {
            return Task.FromResult(_replicas.All(r => r.Running && !r.Stopped) && _network.Cuts.Count == 0 && !_postgresRestarting && !_busy.Any(b => b));
        }
    }

    private ChaosReplica? PickReplica(Random random)
    {
        var running = _replicas.Where(r => r.Ready).ToList();
        return running.Count == 0 ? null : running[random.Next(running.Count)];
    }

    private static async Task<bool> CommittedAsync(PostgresStreamLog log, Dictionary<(string Topic, int Partition), long> ends)
    {
        foreach (var topic in ChaosWorkload.Topics)
        {
            var committed = await log.GetCommittedOffsetsAsync("grains", topic);
            if (ends.Where(e => e.Key.Topic == topic && e.Value > 0).Any(e => committed.GetValueOrDefault(e.Key.Partition) < e.Value))
            {
                return false;
            }
        }

        return true;
    }

    // Each input queue read by exactly one replica, as their dashboards report it; Orleans may take a moment to settle
    // after the last membership change, so this waits for it (up to a limit) and reports how long it took.
    private async Task<(bool Ok, double Seconds, string Detail)> OwnershipAsync(HttpClient http)
    {
        var queues = ChaosWorkload.Topics.SelectMany(t => Enumerable.Range(0, _settings.Partitions).Select(p => $"{t}/{p}")).ToHashSet(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var detail = "";
        while (Stopwatch.GetElapsedTime(started) < OwnershipTimeout)
        {
            var owners = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            try
            {
                foreach (var replica in _replicas)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    using var snapshot = JsonDocument.Parse(await http.GetStringAsync(new Uri(replica.BaseAddress, "api/dashboard/snapshot"), timeout.Token));
                    foreach (var queue in snapshot.RootElement.GetProperty("ownedPartitions").EnumerateArray().Select(q => q.GetString()!).Where(queues.Contains))
                    {
                        (owners.TryGetValue(queue, out var list) ? list : owners[queue] = []).Add(replica.Index);
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                detail = $"snapshot failed: {e.Message}";
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                continue;
            }

            var unread = queues.Where(q => !owners.ContainsKey(q)).ToList();
            var shared = owners.Where(o => o.Value.Count > 1).Select(o => $"{o.Key} by r{string.Join(",r", o.Value)}").ToList();
            var perReplica = string.Join(", ", Enumerable.Range(0, Replicas).Select(i => $"r{i}: {owners.Count(o => o.Value.Contains(i))}"));
            detail = $"{perReplica}; unread {unread.Count}, read twice {shared.Count} {string.Join(" ", shared.Take(5))}";
            if (unread.Count == 0 && shared.Count == 0)
            {
                return (true, Stopwatch.GetElapsedTime(started).TotalSeconds, perReplica);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return (false, OwnershipTimeout.TotalSeconds, detail);
    }

    private string[] Arguments(int index) =>
    [
        "--Silo:LogProvider=Postgres",
        "--Silo:StateProvider=Postgres",
        $"--ConnectionStrings:Postgres={_postgres.ConnectionString(_network.HostAddress)}",
        "--Cluster:Clustering=Postgres",
        $"--Cluster:AdvertisedAddress={_network.AddressOf(index)}",
        "--Cluster:SiloPort=11111",
        "--Cluster:GatewayPort=30000",
        $"--Streams:DefaultPartitions={_settings.Partitions.ToString(CultureInfo.InvariantCulture)}",
        "--Api:RateLimit:PermitLimit=0",
        "--Telemetry:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        "--Logging:LogLevel:Orleans.Runtime.MembershipService=Information",
    ];

    private void Say(string line)
    {
        lock (_progress)
        {
            _progress.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // PostgreSQL restarting: ask again.
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"chaos: timed out after {timeout.TotalSeconds:0} s waiting for {what} (replica logs: TestResults/chaos)");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (NpgsqlException) when (attempt < 50)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Name(ChaosFaultKind kind) => kind switch
    {
        ChaosFaultKind.Kill => "sigkill",
        ChaosFaultKind.Pause => "sigstop",
        ChaosFaultKind.PostgresRestart => "postgres_restart",
        _ => "partition",
    };
}
