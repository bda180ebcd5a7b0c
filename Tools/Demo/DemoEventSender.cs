using System.Text;

namespace StreamOrleans.Tools.Demo;

/// <summary>
/// Posts a demo generator's JSON event batches to POST /api/streams/{topic}/events and counts what was accepted and
/// what failed (with the last reason), so the AppHost's live table can show it.
/// </summary>
internal sealed class DemoEventSender(HttpClient http, string topic)
{
    private long _sent;
    private long _failed;
    private string _lastError = "";

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public string LastError => _lastError;

    /// <summary>Sends <paramref name="batchJson"/> (<c>{"events":[...]}</c> holding <paramref name="count"/> events).</summary>
    public async Task SendAsync(string batchJson, int count, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(batchJson, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri($"api/streams/{topic}/events", UriKind.Relative), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Add(ref _sent, count);
                return;
            }

            _lastError = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
        }
        catch (HttpRequestException e)
        {
            _lastError = e.Message;
        }

        Interlocked.Add(ref _failed, count);
    }
}
