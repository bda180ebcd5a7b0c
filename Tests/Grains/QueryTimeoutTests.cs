using System.Reflection;
using StreamOrleans.Grains.Interfaces;

namespace StreamOrleans.Tests.Grains;

/// <summary>
/// Every query a grain answers (a Get* or List* method) carries <c>[ResponseTimeout(QueryTimeout.Value)]</c>, so the
/// API answers 503 within 10 s when the grain's silo hangs or a partition lost the call, instead of waiting for Orleans'
/// 30 s default (the chaos harness found GET /api/cameras unanswered after 30 s: the camera queries lacked it).
/// </summary>
public sealed class QueryTimeoutTests
{
    // Calls between silos that copy a whole model or gallery (no request waits on them), and the sentiment metrics, which
    // first learn every labelled post appended since (on a fresh silo, the whole log).
    private static readonly HashSet<string> Exempt =
        ["IRecommenderModelGrain.GetServingModelAsync", "IFaceGalleryGrain.GetSnapshotAsync", "ISentimentModelGrain.GetMetricsAsync"];

    [Fact]
    public void Every_grain_query_carries_the_query_timeout()
    {
        var queries = typeof(QueryTimeout).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods().Select(m => (Name: $"{t.Name}.{m.Name}", Method: m)))
            .Where(q => (q.Method.Name.StartsWith("Get", StringComparison.Ordinal) || q.Method.Name.StartsWith("List", StringComparison.Ordinal))
                && q.Method.ReturnType.IsGenericType && q.Method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                && !Exempt.Contains(q.Name))
            .ToList();

        Assert.NotEmpty(queries);
        var missing = queries.Where(q => q.Method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout != TimeSpan.Parse(QueryTimeout.Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(q => q.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"queries without [ResponseTimeout(QueryTimeout.Value)]: {string.Join(", ", missing)}");
    }
}
