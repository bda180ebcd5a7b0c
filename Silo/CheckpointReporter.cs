using Microsoft.Extensions.Hosting;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Silo;

/// <summary>
/// Prints "checkpoint TOPIC PARTITION OFFSET" for each committed checkpoint and "owned TOPIC/PARTITION ..." whenever the
/// partitions this process owns change (Silo:ReportCheckpoints); tools and the crash and replica tests follow these lines.
/// </summary>
internal sealed class CheckpointReporter(StreamRuntime streams) : IHostedService
{
    private readonly Lock _console = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        streams.Stats.CheckpointCommitted += Report;
        streams.Stats.OwnershipChanged += ReportOwnership;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        streams.Stats.CheckpointCommitted -= Report;
        streams.Stats.OwnershipChanged -= ReportOwnership;
        return Task.CompletedTask;
    }

    private void Report(string topic, int partition, long offset) => Write($"checkpoint {topic} {partition} {offset}");

    private void ReportOwnership(IReadOnlyCollection<Runtime.Streams.Ownership.TopicPartition> owned) =>
        Write(string.Join(' ', ["owned", .. owned.Select(p => p.ToString()).Order(StringComparer.Ordinal)]));

    private void Write(string line)
    {
        lock (_console)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
