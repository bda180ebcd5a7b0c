using System.Globalization;
using System.Net.Http.Headers;

namespace StreamOrleans.Tools.Demo;

/// <summary>
/// The camera demo: enrols "person-a" from face-api's demo photo sample2.jpg (its only single-face photo), then
/// posts the six demo photos as JPEG frames for cameras cam-1..cam-N at a few frames per second each (each camera
/// starts at a different photo), with X-Frame-Number and X-Capture-Time headers, to POST /api/cameras/{id}/frames.
/// </summary>
internal sealed class CameraDemoGenerator(HttpClient http, string demoDirectory, int cameras, double framesPerSecond, TimeProvider timeProvider)
{
    /// <summary>The person enrolled at start.</summary>
    public const string EnrolledPerson = "person-a";

    private long _sent;
    private long _failed;
    private string _lastError = "";

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public string LastError => _lastError;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var photos = Enumerable.Range(1, 6).Select(i => Path.Combine(demoDirectory, $"sample{i}.jpg")).Where(File.Exists).Select(File.ReadAllBytes).ToArray();
        if (photos.Length == 0)
        {
            _lastError = $"no demo photos in {demoDirectory}: run scripts/setup.sh";
            return;
        }

        try
        {
            if (await FaceFolderImporter.EnrolAsync(http, EnrolledPerson, photos[Math.Min(1, photos.Length - 1)], cancellationToken) is { } error)
            {
                _lastError = $"enrolling {EnrolledPerson}: {error}";
            }

            var frame = 0L;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / framesPerSecond), timeProvider);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await Task.WhenAll(Enumerable.Range(0, cameras).Select(c => PostAsync($"cam-{c + 1}", photos[(int)((frame + (2 * c)) % photos.Length)], frame, cancellationToken)));
                frame++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (HttpRequestException e)
        {
            _lastError = e.Message;
        }
    }

    private async Task PostAsync(string camera, byte[] jpeg, long frame, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/cameras/{camera}/frames", UriKind.Relative)) { Content = new ByteArrayContent(jpeg) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        request.Headers.Add("X-Frame-Number", frame.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Capture-Time", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _sent);
            }
            else
            {
                Interlocked.Increment(ref _failed);
                _lastError = $"{camera}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
        }
        catch (HttpRequestException e)
        {
            Interlocked.Increment(ref _failed);
            _lastError = e.Message;
        }
    }
}
