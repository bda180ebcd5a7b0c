using Microsoft.AspNetCore.Http.HttpResults;
using StreamOrleans.Api.Counters.Contracts;
using StreamOrleans.Api.Http;
using StreamOrleans.Grains.Interfaces.Diagnostics;


using StreamOrleans.Grains.Interfaces;

namespace StreamOrleans.Api.Counters;

/// <summary>The diagnostic counters fed by topic "counter-events" (smoke tests of a deployment, benchmarks).</summary>
public static class CountersApi
{
    /// <summary>Maps GET /api/counters/{key}.</summary>
    public static IEndpointRouteBuilder MapCounters(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/counters").WithTags("Counters")
            .MapGet("/{key}", GetCounterAsync)
            .WithName("GetCounter")
            .WithSummary("Read a diagnostic counter's event count and sum");
        return routes;
    }

    internal static async Task<Results<Ok<CounterResponse>, ValidationProblem>> GetCounterAsync(string key, IGrainFactory grains)
    {
        if (GrainKeys.Validate(key) is { } reason)
        {
            return ApiResults.Invalid("key", reason);
        }

        var snapshot = await grains.GetGrain<ICounterGrain>(key).GetAsync();
        return TypedResults.Ok(new CounterResponse(key, snapshot.Count, snapshot.Sum));
    }
}
