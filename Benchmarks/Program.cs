using System.CommandLine;
using System.Text.Json.Nodes;
using StreamOrleans.Benchmarks.Support;

// Load drivers for the figures the issues name. Each writes docs/benchmarks/<name>.json; see docs/benchmarks.md.
var output = new Option<string>("--output") { Description = "Folder for the JSON results.", DefaultValueFactory = _ => "docs/benchmarks" };
var seconds = new Option<double>("--seconds") { Description = "Length of one measured round.", DefaultValueFactory = _ => 3 };
var rounds = new Option<int>("--rounds") { Description = "Measured rounds (medians are reported).", DefaultValueFactory = _ => 5 };

var orleansRuntime = new Command("runtime", "Orleans grain calls in the silo, through the API host (HTTP) and through the gateway vs a raw Channel<T> loop (same run) -> runtime.json") { output, seconds, rounds };
orleansRuntime.Aliases.Add("orleans-runtime");
async Task<int> RunOrleansRuntimeAsync(ParseResult result)
{
    // Orleans wants server GC; the other benchmarks run with workstation GC, so this command runs itself again with it.
    if (!System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
    {
        return await StreamOrleans.Benchmarks.Support.ServerGcProcess.RunSelfAsync(args);
    }

    var json = await StreamOrleans.Benchmarks.OrleansRuntime.OrleansCallBenchmark.RunAsync(callers: 16, TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(rounds), Console.Out);
    return Save(json, result.GetValue(output)!, "runtime.json");
}

orleansRuntime.SetAction(RunOrleansRuntimeAsync);

var checkpointEvents = new Option<int>("--checkpoint-events") { Description = "Checkpoint every N events per partition (the issue's figure: 1000).", DefaultValueFactory = _ => 1000 };
var checkpointMs = new Option<int>("--checkpoint-ms") { Description = "...or every T milliseconds (the issue's figure: 100).", DefaultValueFactory = _ => 100 };
var recommendations = new Command("recommendations", "ALS training rate, fold-in and recommend latency, NDCG vs popularity -> recommendations.json") { output };
recommendations.SetAction(async result =>
{
    await StreamOrleans.Benchmarks.Recommendations.RecommendationBenchmarks.RunAsync(Path.Combine(result.GetValue(output)!, "recommendations.json"), Console.Out);
    return 0;
});

var faces = new Command("faces", "Face pipeline vs face-api on tfjs-wasm, same photos and models, same run -> faces.json") { output };
faces.SetAction(result =>
{
    var root = RepositoryRoot();
    StreamOrleans.Benchmarks.Cameras.FacePipelineBenchmark.Run(root, Path.Combine(result.GetValue(output)!, "faces.json"));
    return 0;
});

var cameras = new Command("cameras", "Camera frame (analyze + identify + annotate + encode) vs analyze alone, 640x480 one face -> cameras.json") { output };
cameras.SetAction(result => Save(StreamOrleans.Benchmarks.Cameras.CameraFrameBenchmark.Run(RepositoryRoot()), result.GetValue(output)!, "cameras.json"));

var liveFps = new Option<int>("--camera-fps") { Description = "Frames per second each demo camera sends.", DefaultValueFactory = _ => 2 };
var liveWarmUp = new Option<int>("--warm-up") { Description = "Seconds of demo before the window (models load, grains activate).", DefaultValueFactory = _ => 60 };
var liveWindow = new Option<int>("--window") { Description = "Seconds measured.", DefaultValueFactory = _ => 60 };
var liveDemo = new Command("live-demo", "The full AppHost demo as a user runs it: per-frame analysis p50, skipped frames, GET /api/cameras time -> the live_* keys of faces.json (needs a Release build)")
{
    output, liveFps, liveWarmUp, liveWindow,
};
liveDemo.SetAction(async result =>
{
    var live = await StreamOrleans.Benchmarks.LiveDemo.LiveDemoBenchmark.RunAsync(RepositoryRoot(), result.GetValue(liveFps),
        TimeSpan.FromSeconds(result.GetValue(liveWarmUp)), TimeSpan.FromSeconds(result.GetValue(liveWindow)), Console.Out);
    var path = Path.Combine(result.GetValue(output)!, "faces.json");
    // The live keys join faces.json beside the benchmark's own figures, with their own machine facts (live_machine).
    var faces = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : [];
    foreach (var (key, value) in live)
    {
        faces[key] = value?.DeepClone();
    }

    faces["live_machine"] = BenchmarkOutput.Machine();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    File.WriteAllText(path, faces.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
    Console.WriteLine($"wrote the live_* keys of {path}");
    Console.WriteLine(live.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    return 0;
});

var streamLog = new Command("stream-log", "Embedded SQLite log append and read throughput -> stream-log.json") { output };
streamLog.SetAction(async result =>
{
    await StreamOrleans.Benchmarks.Streams.SqliteLogThroughput.RunAsync(resultJsonPath: Path.Combine(result.GetValue(output)!, "stream-log.json"));
    Console.WriteLine(File.ReadAllText(Path.Combine(result.GetValue(output)!, "stream-log.json")));
    return 0;
});

var trendsRounds = new Option<int>("--rounds") { Description = "Measured rounds (medians are reported).", DefaultValueFactory = _ => 5 };
var trends = new Command("trends", "Posts/s per core for tokenize + score + learn + trend update, planted-burst TPR/FPR/delay -> trends.json (needs scripts/setup.sh)") { output, trendsRounds };
trends.SetAction(result =>
{
    var json = StreamOrleans.Benchmarks.Trends.TrendsPipelineBenchmark.Run(
        StreamOrleans.Grains.SetupCache.Resolve(StreamOrleans.Grains.Trends.Sentiment.VaderLexicon.CacheRelativePath), result.GetValue(trendsRounds), Console.Out);
    return Save(json, result.GetValue(output)!, "trends.json");
});


var observability = new Command("observability", "Orleans pipeline throughput with telemetry on vs off, alternating rounds -> observability.json") { output, seconds, rounds };
observability.SetAction(async result =>
{
    // Orleans wants server GC: run again in a child process with it, as orleans-pipeline does.
    if (!System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
    {
        return await StreamOrleans.Benchmarks.Support.ServerGcProcess.RunSelfAsync(args);
    }

    var json = await StreamOrleans.Benchmarks.Observability.ObservabilityBenchmark.RunAsync(TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(rounds), Console.Out);
    return Save(json, result.GetValue(output)!, "observability.json");
});

var maxEventsPerDelivery = new Option<int>("--max-events-per-delivery") { Description = "Most events of one stream per grain call (log provider; memory streams' BatchContainerBatchSize).", DefaultValueFactory = _ => 256 };
var pollMs = new Option<int>("--poll-ms") { Description = "Pulling-agent period of an idle queue, both providers.", DefaultValueFactory = _ => 10 };
var maxLag = new Option<long>("--max-lag") { Description = "Most events produced but not yet applied (the producer waits beyond it); 1000 to 64000.", DefaultValueFactory = _ => 64_000 };
var postgres = new Option<string>("--postgres")
{
    Description = "PostgreSQL server for the pg figures (a fresh schema is created and dropped), or 'none'.",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("STREAMORLEANS_POSTGRES") is { Length: > 0 } configured ? configured : StreamOrleans.Benchmarks.ScaleOut.ScaleOutBenchmark.DefaultConnectionString,
};
var orleansPipeline = new Command("pipeline", "Orleans pipeline on our log provider vs Orleans' memory streams (same run), latency at half rate, PostgreSQL -> orleans-pipeline.json")
{
    output, seconds, rounds, checkpointEvents, checkpointMs, maxEventsPerDelivery, pollMs, maxLag, postgres,
};
orleansPipeline.Aliases.Add("orleans-pipeline");
async Task<int> RunOrleansPipelineAsync(ParseResult result)
{
    if (result.GetValue(maxLag) is < 1000 or > StreamOrleans.Benchmarks.OrleansPipeline.OrleansPipelineSettings.MaxLagLimit)
    {
        Console.Error.WriteLine($"--max-lag {result.GetValue(maxLag)} is out of range: use 1000 to {StreamOrleans.Benchmarks.OrleansPipeline.OrleansPipelineSettings.MaxLagLimit} (memory streams' queues hold 16,384 events each).");
        return 2;
    }

    // Orleans wants server GC (the silo warns without it); the other benchmarks run with workstation GC, so this
    // command runs itself again in a child process with DOTNET_gcServer=1.
    if (!System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
    {
        return await StreamOrleans.Benchmarks.Support.ServerGcProcess.RunSelfAsync(args);
    }

    var json = await StreamOrleans.Benchmarks.OrleansPipeline.OrleansPipelineBenchmark.RunAsync(PipelineSettings(result));
    var code = Save(json, result.GetValue(output)!, "orleans-pipeline.json");
    Console.WriteLine($"orleans-pipeline: {json["events_per_sec"]} events/s (memory streams {json["memory_streams_events_per_sec"]}, ratio {json["ratio_vs_memory_streams"]}), " +
        $"p99 {json["p99_ingest_to_applied_ms"]} ms, postgres {json["pg_events_per_sec"]?.ToString() ?? "skipped"}");
    return code;
}

StreamOrleans.Benchmarks.OrleansPipeline.OrleansPipelineSettings PipelineSettings(ParseResult result) => new(
    TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(rounds), result.GetValue(checkpointEvents), TimeSpan.FromMilliseconds(result.GetValue(checkpointMs)),
    result.GetValue(maxEventsPerDelivery), TimeSpan.FromMilliseconds(result.GetValue(pollMs)), result.GetValue(maxLag), result.GetValue(postgres) is "none" ? null : result.GetValue(postgres));

orleansPipeline.SetAction(RunOrleansPipelineAsync);

var failoverRounds = new Option<int>("--failover-rounds") { Description = "SIGKILL rounds (median reported).", DefaultValueFactory = _ => 5 };
var scaleOut = new Command("scale-out", "PostgreSQL vs SQLite pipeline throughput (same run) and SIGKILL failover of one of three replicas on PostgreSQL clustering -> scale-out.json (needs scripts/setup.sh and a Release build)")
{
    output, failoverRounds, seconds, rounds, checkpointEvents, checkpointMs, maxEventsPerDelivery, pollMs, maxLag, postgres,
};
scaleOut.SetAction(async result =>
{
    if (!System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
    {
        return await StreamOrleans.Benchmarks.Support.ServerGcProcess.RunSelfAsync(args);
    }

    if (result.GetValue(postgres) is "none")
    {
        Console.Error.WriteLine("scale-out measures PostgreSQL: --postgres none is not accepted here.");
        return 2;
    }

    var pipelineJson = await StreamOrleans.Benchmarks.OrleansPipeline.OrleansPipelineBenchmark.RunAsync(PipelineSettings(result));
    var json = await StreamOrleans.Benchmarks.ScaleOut.ScaleOutBenchmark.RunAsync(RepositoryRoot(), result.GetValue(failoverRounds), Console.Out);
    foreach (var key in new[] { "events_per_sec", "events_per_sec_rounds", "pg_events_per_sec", "pg_events_per_sec_rounds", "pg_ratio_vs_sqlite", "pg_skipped", "pg_setup" })
    {
        if (pipelineJson[key] is { } value)
        {
            json[key == "events_per_sec" ? "sqlite_events_per_sec" : key == "events_per_sec_rounds" ? "sqlite_events_per_sec_rounds" : key] = value.DeepClone();
        }
    }

    json["pg_pipeline_note"] = "the durable pipeline (CounterGrain, 10,000 keys) on a PostgreSQL log and PostgreSQL grain state vs SQLite, alternating rounds in this run";
    return Save(json, result.GetValue(output)!, "scale-out.json");
});


var fuzzCases = new Option<int>("--cases") { Description = "Hostile requests to send (CI runs 10,000).", DefaultValueFactory = _ => 50_000 };
var fuzzSeed = new Option<int>("--seed") { Description = "The run's seed (printed; the same seed sends the same requests).", DefaultValueFactory = _ => 20261207 };
var fuzz = new Command("fuzz", "Hostile input on every API route in-process (the CI fuzz test at a larger count) -> fuzz_cases, server_errors, per-route counts merged into chaos.json (needs a Release build of Tests)")
{
    output, fuzzCases, fuzzSeed,
};
fuzz.SetAction(async result => await StreamOrleans.Benchmarks.Fuzzing.FuzzCommand.RunAsync(
    RepositoryRoot(), result.GetValue(fuzzCases), result.GetValue(fuzzSeed), Path.GetFullPath(result.GetValue(output)!), Console.Out));

var chaosFaults = new Option<int>("--faults") { Description = "Faults to inject (CI runs 100).", DefaultValueFactory = _ => 1000 };
var chaosSeed = new Option<int>("--seed") { Description = "The fault schedule's seed (printed; the same seed gives the same schedule).", DefaultValueFactory = _ => 20261207 };
var chaos = new Command("chaos", "Fault injection soak: SIGKILL, SIGSTOP, PostgreSQL restarts and network partitions on three replicas under load, exact totals after every round -> faults, lost, duplicated, max_recovery_seconds, non_clean_errors merged into chaos.json (needs root, scripts/setup.sh and a Release build of Tests)")
{
    output, chaosFaults, chaosSeed,
};
chaos.SetAction(async result => await StreamOrleans.Benchmarks.Chaos.ChaosCommand.RunAsync(
    RepositoryRoot(), result.GetValue(chaosFaults), result.GetValue(chaosSeed), Path.GetFullPath(result.GetValue(output)!), Console.Out));
var soakMinutes = new Option<double>("--minutes") { Description = "Length of the paced load (the issue's figure: 10).", DefaultValueFactory = _ => 10 };
var soakLoad = new Option<double>("--load") { Description = "Offered rate as a fraction of the maximum rate measured first (the issue's figure: 0.8).", DefaultValueFactory = _ => 0.8 };
var soakSample = new Option<double>("--sample-seconds") { Description = "Seconds between two samples of RSS, disk and lag.", DefaultValueFactory = _ => 10 };
var soakMaxRounds = new Option<int>("--max-rounds") { Description = "Closed-loop rounds measuring the maximum rate (median).", DefaultValueFactory = _ => 3 };
var soakMaxSeconds = new Option<double>("--max-round-seconds") { Description = "Length of one max-rate round.", DefaultValueFactory = _ => 5 };
var soakRetention = new Option<double>("--retention-seconds") { Description = "The log's retention age during the soak (records older are deleted under load).", DefaultValueFactory = _ => 30 };
var soakRetentionInterval = new Option<double>("--retention-interval-seconds") { Description = "How often the silo applies retention.", DefaultValueFactory = _ => 5 };
var soak = new Command("soak", "Sustained load: the durable pipeline at a fraction of its maximum rate (measured first, same run) with log retention deleting under load; RSS, disk and lag curves -> the soak_* keys of chaos.json")
{
    output, soakMinutes, soakLoad, soakSample, soakMaxRounds, soakMaxSeconds, soakRetention, soakRetentionInterval,
};
soak.SetAction(async result =>
{
    if (!System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
    {
        return await StreamOrleans.Benchmarks.Support.ServerGcProcess.RunSelfAsync(args);
    }

    var settings = new StreamOrleans.Benchmarks.Soak.SoakSettings(TimeSpan.FromMinutes(result.GetValue(soakMinutes)), result.GetValue(soakLoad),
        TimeSpan.FromSeconds(result.GetValue(soakSample)), result.GetValue(soakMaxRounds), TimeSpan.FromSeconds(result.GetValue(soakMaxSeconds)),
        TimeSpan.FromSeconds(result.GetValue(soakRetention)), TimeSpan.FromSeconds(result.GetValue(soakRetentionInterval)));
    try
    {
        settings.Validate();
    }
    catch (ArgumentOutOfRangeException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }

    var json = await StreamOrleans.Benchmarks.Soak.SoakBenchmark.RunAsync(settings, Console.Out);
    var path = Path.Combine(result.GetValue(output)!, "chaos.json");
    BenchmarkOutput.Merge(path, json, "soak_machine", stalePrefix: "soak_");
    Console.WriteLine($"wrote the soak_* keys of {path}");
    return json["soak_ok"]?.GetValue<bool>() == true ? 0 : 1;
});

var root = new RootCommand("StreamOrleans benchmarks") { orleansRuntime, orleansPipeline, scaleOut, recommendations, faces, streamLog, trends, observability };
root.Subcommands.Add(cameras);
root.Subcommands.Add(liveDemo);
root.Subcommands.Add(fuzz);
root.Subcommands.Add(chaos);
root.Subcommands.Add(soak);
return await root.Parse(args).InvokeAsync();

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "StreamOrleans.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmarks from inside the repository (StreamOrleans.sln not found above the current folder).");
}

static int Save(JsonObject json, string folder, string name)
{
    var path = Path.Combine(folder, name);
    BenchmarkOutput.Write(path, json);
    Console.WriteLine($"wrote {path}");
    Console.WriteLine(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    return 0;
}
