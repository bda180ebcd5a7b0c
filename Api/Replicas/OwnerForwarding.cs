using Microsoft.Net.Http.Headers;
using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Api.Replicas;

/// <summary>
/// Answers a request for a grain on the replica that owns it. With several replicas a grain lives where the partition
/// of its key (of the topic that feeds it) is consumed; a request that reaches another replica is forwarded there over
/// HTTP, so a query never activates a stale second copy. With one process (or when this replica is the owner) the
/// request is served here. Responses carry <see cref="ServedByHeader"/>.
/// </summary>
public static class OwnerForwarding
{
    /// <summary>Response header: the member id of the replica that served the request.</summary>
    public const string ServedByHeader = "X-StreamOrleans-Served-By";

    /// <summary>Request header set on forwarded requests (the forwarding member); a forwarded request is never forwarded again.</summary>
    public const string ForwardedByHeader = "X-StreamOrleans-Forwarded-By";

    /// <summary>Name of the HttpClient used to forward.</summary>
    public const string HttpClientName = "replicas";

    /// <summary>How long a request waits for a partition that is being handed over before it gets 503.</summary>
    public static readonly TimeSpan HandOverWait = TimeSpan.FromSeconds(5);

    private static readonly string[] CopiedRequestHeaders = [HeaderNames.Accept, HeaderNames.AcceptLanguage, "traceparent", "tracestate", "X-Api-Key"];

    /// <summary>
    /// Forwards the route to the owner of the grain whose key is route value <paramref name="routeKey"/> in
    /// <paramref name="topic"/> (null for a topic consumed whole by one replica, whose grains all live with it).
    /// </summary>
    public static TBuilder ForwardToOwner<TBuilder>(this TBuilder builder, string topic, string? routeKey)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetService<StreamRuntime>() is not { } streams)
            {
                return await next(context);
            }

            var key = routeKey is null ? "" : http.Request.RouteValues[routeKey] as string ?? "";
            var ownership = streams.Ownership;
            if ((routeKey is not null && GrainId.ValidateKey(key) is not null) || streams.PartitionOf(topic, key) is not { } partition
                || ownership.Owned.Contains(partition))
            {
                // Invalid keys get the handler's own ProblemDetails; owned partitions are served here.
                http.Response.Headers[ServedByHeader] = ownership.MemberId;
                return await next(context);
            }

            var owner = await FindOwnerAsync(ownership, partition, http);
            if (owner is { IsLocal: true })
            {
                http.Response.Headers[ServedByHeader] = ownership.MemberId;
                return await next(context);
            }

            if (owner?.Address is null || http.Request.Headers.ContainsKey(ForwardedByHeader))
            {
                return Unavailable(http, $"Partition {partition} has no reachable owner after {HandOverWait.TotalSeconds:0} s (a replica is handing it over, or the owner advertises no address); retry in a second.");
            }

            return await ForwardAsync(http, owner, ownership.MemberId);
        });
        return builder;
    }

    // A partition being handed over has no owner for about a rebalance interval: wait for the new one (up to
    // HandOverWait) rather than failing the request at once.
    private static async Task<PartitionOwner?> FindOwnerAsync(IPartitionOwnership ownership, TopicPartition partition, HttpContext http)
    {
        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var started = time.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var owner = await ownership.GetOwnerAsync(partition, http.RequestAborted);
            if (owner?.Address is not null || owner is { IsLocal: true } || time.GetElapsedTime(started) + pause > HandOverWait)
            {
                return owner;
            }

            await Task.Delay(pause, time, http.RequestAborted);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }
    }

    private static async Task<IResult> ForwardAsync(HttpContext http, PartitionOwner owner, string self)
    {
        var target = new Uri(owner.Address!, http.Request.Path.Value + http.Request.QueryString.Value);
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), target);
        foreach (var name in CopiedRequestHeaders)
        {
            if (http.Request.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TryAddWithoutValidation(ForwardedByHeader, self);
        var client = http.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, http.RequestAborted);
            var body = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
            http.Response.Headers[ServedByHeader] = response.Headers.TryGetValues(ServedByHeader, out var servedBy) ? servedBy.First() : owner.MemberId;
            return new ForwardedResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
        }
        catch (HttpRequestException e)
        {
            return Unavailable(http, $"The owner of this key ({owner.MemberId} at {owner.Address}) did not answer: {e.Message}; retry in a second.");
        }
    }

    private static IResult Unavailable(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Owner not available");
    }
}
