using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Cameras.Pipeline;

/// <summary>
/// A <see cref="TestSilo"/> (the production silo wiring) for the camera pipeline: its face models are the tests' shared
/// instances (loaded once per test run, not per silo), its pixel limit is <see cref="BadImages.MaxPixels"/>, and every
/// frame is analysed however slow the machine (load shedding has its own test).
/// </summary>
internal static class CameraSilo
{
    /// <summary>Starts a silo on a new temporary folder, or on <paramref name="directory"/> (kept after disposal) to test restarts.</summary>
    public static Task<TestSilo> StartAsync(IDictionary<string, string?>? settings = null, string? directory = null, TimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Cameras:MaxPixels"] = $"{BadImages.MaxPixels}",
            ["Cameras:MaxFrameLag"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return TestSilo.StartAsync(time, values, directory, static (services, configuration) =>
            services.Replace(ServiceDescriptor.Singleton(Provider(configuration))));
    }

    /// <summary>The shared models with the analysis settings the configuration gives.</summary>
    public static FaceAnalyzerProvider Provider(IConfiguration configuration)
    {
        var options = configuration.GetSection(CamerasOptions.SectionName).Get<CamerasOptions>() ?? new CamerasOptions();
        return FaceAnalyzerProvider.FromAnalyzer(FaceModels.Analyzer(FaceAnalyzerProvider.AnalysisOptions(options)));
    }

    /// <summary>The dead letters of the silo's stream provider.</summary>
    public static LogDeadLetters DeadLetters(this TestSilo silo) => silo.Services.GetRequiredKeyedService<LogDeadLetters>(GrainProviders.Streams);

    /// <summary>Every record of <paramref name="topic"/> in the log, by partition then offset.</summary>
    public static async Task<IReadOnlyList<LogRecord>> ReadAllAsync(this TestSilo silo, string topic)
    {
        var records = new List<LogRecord>();
        foreach (var partition in await silo.Log.GetOffsetsAsync(topic))
        {
            records.AddRange(await silo.Log.ReadAsync(topic, partition.Partition, partition.StartOffset, (int)(partition.EndOffset - partition.StartOffset) + 1));
        }

        return records;
    }

    /// <summary>
    /// Completes when the silo commits every partition of <paramref name="topic"/> that holds records up to its end
    /// offset of now, counting only commits from now on: call it before a rewind, await it after, and it awaits the replay
    /// (the silo's committed offsets from before the rewind already reach the end).
    /// </summary>
    public static async Task<Task> WatchReplayAsync(this TestSilo silo, string topic)
    {
        var ends = (await silo.Log.GetOffsetsAsync(topic)).Where(p => p.EndOffset > 0).ToDictionary(p => p.Partition, p => p.EndOffset);
        var pending = new HashSet<int>(ends.Keys);
        var replayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = silo.Services.GetRequiredService<LogCheckpoints>();
        void OnCommitted(LogCheckpoint checkpoint)
        {
            lock (pending)
            {
                if (checkpoint.Topic == topic && ends.TryGetValue(checkpoint.Partition, out var end) && checkpoint.Offset >= end
                    && pending.Remove(checkpoint.Partition) && pending.Count == 0)
                {
                    checkpoints.Committed -= OnCommitted;
                    replayed.TrySetResult();
                }
            }
        }

        checkpoints.Committed += OnCommitted;
        return replayed.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
