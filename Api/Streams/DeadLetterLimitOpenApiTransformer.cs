using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using StreamOrleans.Api.Configuration;

namespace StreamOrleans.Api.Streams;

/// <summary>
/// Documents GetDeadLetters' "limit" as the integer it is (1..Api:MaxDeadLetters, default 50). The handler binds it as
/// a string so that a bad value gets a ProblemDetails naming the field instead of an anonymous binding failure.
/// </summary>
public sealed class DeadLetterLimitOpenApiTransformer(IOptions<ApiOptions> options) : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId == "GetDeadLetters" && operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "limit") is { } limit)
        {
            limit.Description = $"How many dead letters to list, newest first: 1..{options.Value.MaxDeadLetters} (default 50).";
            limit.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = "1",
                Maximum = $"{options.Value.MaxDeadLetters}",
            };
        }

        return Task.CompletedTask;
    }
}
