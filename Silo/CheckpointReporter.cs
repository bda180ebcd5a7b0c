using Microsoft.Extensions.Hosting;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Silo;

/// <summary>Prints "checkpoint TOPIC PARTITION OFFSET" for each committed checkpoint (Silo:ReportCheckpoints).</summary>
internal sealed class CheckpointReporter(StreamRuntime streams) : IHostedService
{
    private readonly Lock _console = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        streams.Stats.CheckpointCommitted += Report;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        streams.Stats.CheckpointCommitted -= Report;
        return Task.CompletedTask;
    }

    private void Report(string topic, int partition, long offset)
    {
        lock (_console)
        {
            Console.Out.WriteLine($"checkpoint {topic} {partition} {offset}");
            Console.Out.Flush();
        }
    }
}
