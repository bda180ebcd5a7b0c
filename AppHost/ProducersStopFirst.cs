using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StreamOrleans.AppHost;

/// <summary>
/// When the app host stops, stops the demo (the producers) and waits until it exited before DCP stops the API replicas.
/// DCP stops every resource at once: with several replicas, one that still takes the demo's requests appends records to
/// partitions whose queues another replica is already draining, and those records were left uncommitted (replayed and
/// skipped at the next start). With the producers gone first, each replica's drain (<c>Streams:DrainOnStop</c>) takes
/// its queues to the log's end, so a clean stop leaves nothing to replay.
/// </summary>
/// <remarks>
/// The demo stops sending as soon as it gets the signal (its summary follows within a second); its exit can take longer
/// (its telemetry flush, DCP's report), so the wait is bounded: after 10 s the replicas are stopped anyway.
/// Registered after Aspire's own services: the host stops hosted services in reverse order, so this runs before the
/// orchestrator stops the resources.
/// </remarks>
internal sealed partial class ProducersStopFirst(
    DistributedApplicationModel model,
    ResourceCommandService commands,
    ResourceNotificationService notifications,
    ILogger<ProducersStopFirst> logger) : IHostedService
{
    /// <summary>The resources that write to the API; stopped first.</summary>
    public const string Producer = "demo";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (model.Resources.FirstOrDefault(r => r.Name == Producer) is not { } producer)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            var stopped = await commands.ExecuteCommandAsync(producer, KnownResourceCommands.StopCommand, limit.Token);
            if (!stopped.Success)
            {
                // Not running (never started, already exited): nothing writes.
                LogNotStopped(logger, Producer, stopped.Message);
                return;
            }

            await notifications.WaitForResourceAsync(Producer, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), limit.Token);
            LogStopped(logger, Producer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogStillRunning(logger, Producer, Limit);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Resource} (the producers) stopped before the API replicas")]
    private static partial void LogStopped(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Resource} was not stopped first ({Reason})")]
    private static partial void LogNotStopped(ILogger logger, string resource, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Resource} had not reported its exit {Limit} after it was asked to stop; stopping the rest")]
    private static partial void LogStillRunning(ILogger logger, string resource, TimeSpan limit);
}
