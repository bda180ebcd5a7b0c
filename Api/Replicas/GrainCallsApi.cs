using Microsoft.AspNetCore.Http.HttpResults;
using StreamOrleans.Api.Security;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Placement;

namespace StreamOrleans.Api.Replicas;

/// <summary>
/// The route replicas call each other's grains on (location transparency among replicas: a grain call for a grain that
/// lives on another replica is sent here, see <see cref="RemoteGrainCalls"/>). Internal: not in the OpenAPI document,
/// and behind the API key when one is set.
/// </summary>
public static class GrainCallsApi
{
    /// <summary>Maps POST /internal/grain-calls.</summary>
    public static IEndpointRouteBuilder MapGrainCalls(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/internal").RequireApiKey().ExcludeFromDescription()
            .MapPost("/grain-calls", CallAsync)
            .WithName("CallGrain");
        return routes;
    }

    internal static async Task<Results<Ok<GrainCallReply>, ProblemHttpResult>> CallAsync(GrainCallMessage message, GrainRuntime grains)
    {
        try
        {
            return TypedResults.Ok(await grains.InvokeFromReplicaAsync(message));
        }
        catch (GrainNotLocalException e)
        {
            // 421 Misdirected Request: the caller looks the owner up again.
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status421MisdirectedRequest, title: "Grain not on this replica");
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad grain call");
        }
        catch (Exception e)
        {
            // The grain's own failure, reported to the calling replica as the call's exception.
            return TypedResults.Problem($"{e.GetType().Name}: {e.Message}", statusCode: StatusCodes.Status500InternalServerError, title: "Grain call failed");
        }
    }
}
