using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Cameras;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Dashboard;
using StreamOrleans.Api.Faces;
using StreamOrleans.Api.Health;
using StreamOrleans.Api.Recommendations;
using StreamOrleans.Api.Trends;
using StreamOrleans.Api.Security;
using StreamOrleans.Api.Serialization;
using StreamOrleans.Api.Streams;

namespace StreamOrleans.Api;

/// <summary>Registers the HTTP API's services.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// ProblemDetails for every error (no stack traces), the OpenAPI document, health checks, the API's JSON context,
    /// and <see cref="ApiOptions"/> bound from "Api" and validated at start-up.
    /// </summary>
    public static IServiceCollection AddStreamOrleansApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes + 1);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
            if (c.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                // Routing answers 415 itself for a body of a type the route does not declare (Accepts): name the ones it does.
                var accepted = Http.AcceptedContentTypes.For(c.HttpContext);
                c.ProblemDetails.Detail ??= $"Content-Type '{c.HttpContext.Request.ContentType}' is not accepted; send the body as {(accepted.Count == 0 ? "application/json" : string.Join(" or ", accepted))}.";
            }
        });
        services.AddExceptionHandler<Http.TransientFailureHandler>();
        services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = e => e is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, RecommendationsApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(2, TrendsApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(3, CamerasApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(4, FacesApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(5, DashboardApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(6, StreamOrleans.Streaming.Serialization.LogJsonContext.Default);
        });
        services.AddOpenApi(o => o
            .AddDocumentTransformer<ApiKeyOpenApiTransformer>()
            .AddOperationTransformer<ApiKeyOpenApiTransformer>()
            .AddOperationTransformer<DeadLetterLimitOpenApiTransformer>());
        services.AddHealthChecks().AddCheck<StreamLogHealthCheck>("stream-log", timeout: TimeSpan.FromSeconds(5));
        services.AddSingleton<ApiKeyVerifier>();
        services.AddClientRateLimiting(configuration);
        services.AddSingleton<EventBatchParser>();
        services.AddDashboard(configuration);
        return services;
    }
}
