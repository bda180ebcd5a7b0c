using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using StreamOrleans.Api.Configuration;

namespace StreamOrleans.Api.Security;

/// <summary>
/// When Api:ApiKey is set, declares the X-Api-Key security scheme in the OpenAPI document and requires it on the
/// routes marked with <see cref="ApiKeyRequiredMetadata"/>, so generated clients send the key.
/// </summary>
public sealed class ApiKeyOpenApiTransformer(IOptions<ApiOptions> options) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>Name of the security scheme in the document's components.</summary>
    public const string SchemeName = "ApiKey";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (options.Value.ApiKey is not null)
        {
            document.AddComponent<IOpenApiSecurityScheme>(SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyEndpointFilter.HeaderName,
                Description = "The value of Api:ApiKey; required by ingest and admin routes.",
            });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Value.ApiKey is not null && context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyRequiredMetadata>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }
}
