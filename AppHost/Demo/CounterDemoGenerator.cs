using System.Net.Http.Json;
using System.Text;

namespace StreamOrleans.AppHost.Demo;

/// <summary>
/// Sends counter events to the API at a steady rate (the diagnostics pipeline's demo data): batches of
/// {"key":"counter-N","value":{"amount":A}} posted to /api/streams/counter-events/events.
/// </summary>
internal sealed class CounterDemoGenerator(HttpClient http, int eventsPerSecond, int keys, TimeProvider timeProvider)
{
    private const int BatchesPerSecond = 10;
    private long _sent;
    private long _failed;
    private string _lastError = "";

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public string LastError => _lastError;

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
                try
                {
                    using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri("api/streams/counter-events/events", UriKind.Relative), content, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Add(ref _sent, perBatch);
                    }
                    else
                    {
                        Interlocked.Add(ref _failed, perBatch);
                        _lastError = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Add(ref _failed, perBatch);
                    _lastError = e.Message;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
