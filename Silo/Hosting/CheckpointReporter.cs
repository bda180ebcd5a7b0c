using Microsoft.Extensions.Hosting;
using StreamOrleans.Streaming.Diagnostics;

namespace StreamOrleans.Silo.Hosting;

/// <summary>Prints "checkpoint TOPIC PARTITION OFFSET" for each committed queue offset (Silo:ReportCheckpoints), as the old silo does.</summary>
internal sealed class CheckpointReporter(LogCheckpoints checkpoints) : IHostedService
{
    private readonly Lock _console = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        checkpoints.Committed += Report;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        checkpoints.Committed -= Report;
        return Task.CompletedTask;
    }

    private void Report(LogCheckpoint checkpoint)
    {
        lock (_console)
        {
            Console.Out.WriteLine($"checkpoint {checkpoint.Topic} {checkpoint.Partition} {checkpoint.Offset}");
            Console.Out.Flush();
        }
    }
}
