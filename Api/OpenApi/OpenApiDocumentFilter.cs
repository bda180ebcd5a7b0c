namespace StreamOrleans.Api.OpenApi;

/// <summary>
/// Answers a request for an OpenAPI document this API does not have (/openapi/x.json) with a 404 ProblemDetails naming
/// the one it has. Microsoft.AspNetCore.OpenApi answers such a request with a plain-text 404 of its own, the only error
/// of the API that was not a ProblemDetails (found by the hostile-input fuzzer).
/// </summary>
public sealed class OpenApiDocumentFilter : IEndpointFilter
{
    /// <summary>The API's one document: /openapi/v1.json.</summary>
    public const string DocumentName = "v1";

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var name = context.HttpContext.GetRouteValue("documentName") as string;
        return name is null or DocumentName
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Unknown OpenAPI document",
                detail: $"There is no OpenAPI document '{name}'; the API's document is /openapi/{DocumentName}.json.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["documentName"] = name }));
    }
}
