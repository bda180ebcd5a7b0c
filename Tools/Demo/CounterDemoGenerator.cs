using System.Text;

namespace StreamOrleans.Tools.Demo;

/// <summary>
/// Sends counter events to the API at a steady rate (the diagnostics pipeline's demo data): batches of
/// {"key":"counter-N","value":{"amount":A}} posted to /api/streams/counter-events/events.
/// </summary>
internal sealed class CounterDemoGenerator(HttpClient http, int eventsPerSecond, int keys, TimeProvider timeProvider)
{
    private const int BatchesPerSecond = 10;
    private readonly DemoEventSender _sender = new(http, "counter-events");

    public long Sent => _sender.Sent;

    public long Failed => _sender.Failed;

    public string LastError => _sender.LastError;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var perBatch = Math.Max(1, eventsPerSecond / BatchesPerSecond);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / BatchesPerSecond), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var body = new StringBuilder("{\"events\":[");
                for (var i = 0; i < perBatch; i++)
                {
                    body.Append(i == 0 ? "" : ",").Append("{\"key\":\"counter-").Append(random.Next(keys)).Append("\",\"value\":{\"amount\":").Append(random.Next(1, 100)).Append("}}");
                }

                body.Append("]}");
                await _sender.SendAsync(body.ToString(), perBatch, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
