using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>
/// Tallies every API answer of a chaos run: a success, a clean 503 (Retry-After and a ProblemDetails), no answer
/// because the replica asked was itself killed or hung meanwhile (interrupted), or anything else (non-clean: a 5xx, a
/// 4xx to a valid request, a 503 without Retry-After, or no answer from a replica that kept running).
/// </summary>
internal sealed class ChaosAnswers
{
    private readonly ConcurrentDictionary<string, long[]> _routes = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _nonClean = new();
    private readonly ConcurrentDictionary<string, long[]> _nonCleanKinds = new();
    private long _noReplica;
    private long _throttled;

    public long Successes => _routes.Values.Sum(r => Interlocked.Read(ref r[0]));

    public long Unavailables => _routes.Values.Sum(r => Interlocked.Read(ref r[1]));

    public long Interruptions => _routes.Values.Sum(r => Interlocked.Read(ref r[2]));

    public long NonCleanCount => _routes.Values.Sum(r => Interlocked.Read(ref r[3]));

    /// <summary>The first non-clean answers of each kind (status code or exception), for the report.</summary>
    public IReadOnlyList<string> NonCleanExamples => [.. _nonClean.OrderBy(k => k.Key, StringComparer.Ordinal).SelectMany(k => k.Value.Take(5))];

    /// <summary>Non-clean answers by kind.</summary>
    public IReadOnlyDictionary<string, long> NonCleanKinds => _nonCleanKinds.ToDictionary(k => k.Key, k => Interlocked.Read(ref k.Value[0]));

    public void Success(string route) => Interlocked.Increment(ref Counts(route)[0]);

    public void Unavailable(string route) => Interlocked.Increment(ref Counts(route)[1]);

    public void Interrupted(string route) => Interlocked.Increment(ref Counts(route)[2]);

    public void NonClean(string route, string kind, string example)
    {
        Interlocked.Increment(ref Counts(route)[3]);
        Interlocked.Increment(ref _nonCleanKinds.GetOrAdd(kind, _ => new long[1])[0]);
        var examples = _nonClean.GetOrAdd(kind, _ => new());
        if (examples.Count < 5)
        {
            examples.Enqueue(example);
        }
    }

    /// <summary>No replica was running when a request was due.</summary>
    public void NoReplica() => Interlocked.Increment(ref _noReplica);

    /// <summary>A request was not sent because eight of its kind were still waiting for answers.</summary>
    public void Throttled() => Interlocked.Increment(ref _throttled);

    public JsonObject ToJson()
    {
        var routes = new JsonObject();
        foreach (var (route, counts) in _routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            routes[route] = new JsonObject { ["ok"] = counts[0], ["503"] = counts[1], ["interrupted"] = counts[2], ["non_clean"] = counts[3] };
        }

        return new JsonObject
        {
            ["answers_ok"] = Successes,
            ["answers_503"] = Unavailables,
            ["answers_interrupted"] = Interruptions,
            ["non_clean_errors"] = NonCleanCount,
            ["requests_without_replica"] = Interlocked.Read(ref _noReplica),
            ["requests_throttled"] = Interlocked.Read(ref _throttled),
            ["answers_per_route"] = routes,
            ["non_clean_kinds"] = new JsonObject(NonCleanKinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => KeyValuePair.Create(k.Key, (JsonNode?)k.Value))),
            ["non_clean_examples"] = new JsonArray([.. NonCleanExamples.Select(e => (JsonNode)e)]),
        };
    }

    private long[] Counts(string route) => _routes.GetOrAdd(route, _ => new long[4]);
}
