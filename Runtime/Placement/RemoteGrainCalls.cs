using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StreamOrleans.Runtime.Serialization;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Runtime.Placement;

/// <summary>
/// Sends grain calls to the replica that hosts the grain, over its API (POST <see cref="Path"/>). Arguments and results
/// travel as JSON with the grain serializer, so their types must be registered like grain state.
/// </summary>
public sealed class RemoteGrainCalls(MemberAddress self) : IDisposable
{
    /// <summary>The route replicas serve grain calls on.</summary>
    public const string Path = "internal/grain-calls";

    /// <summary>The header carrying the API key replicas present to each other (the Api's key header).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Runs the call on <paramref name="owner"/> and returns the serialized result.</summary>
    /// <exception cref="GrainNotLocalException">The owner no longer hosts the grain (retry after a new lookup).</exception>
    /// <exception cref="RemoteGrainCallException">The call failed on the owner.</exception>
    /// <exception cref="HttpRequestException">The owner could not be reached.</exception>
    public async Task<JsonElement?> SendAsync(PartitionOwner owner, GrainCallMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(message);
        var address = owner.Address ?? throw new InvalidOperationException($"Replica {owner.MemberId} hosts {message.GrainType}/{message.Key} but advertises no API address to call it on.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, Path))
        {
            Content = JsonContent.Create(message, RuntimeJsonContext.Default.GrainCallMessage),
        };
        if (self.ApiKey is { Length: > 0 } key)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, key);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.MisdirectedRequest)
        {
            throw new GrainNotLocalException(new GrainId(message.GrainType, message.Key));
        }

        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RemoteGrainCallException(
                $"{message.GrainType}/{message.Key} {message.Interface}.{message.Method} failed on replica {owner.MemberId} ({(int)response.StatusCode}): {Detail(body)}");
        }

        var reply = await response.Content.ReadFromJsonAsync(RuntimeJsonContext.Default.GrainCallReply, cancellationToken);
        return reply?.Result;
    }

    public void Dispose() => _http.Dispose();

    private static string Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
