using Microsoft.AspNetCore.Http.HttpResults;

namespace StreamOrleans.Api.Http;

/// <summary>The API's ProblemDetails answers (RFC 7807), each naming what was wrong and what would be accepted.</summary>
public static class ApiResults
{
    /// <summary>400 with the "errors" dictionary.</summary>
    public static ValidationProblem Invalid(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var detail = errors.Truncated
            ? $"The request has problems in more than {RequestErrors.MaxFields} fields; the first {RequestErrors.MaxFields} are listed."
            : "See 'errors' for each field and the reason.";
        return TypedResults.ValidationProblem(errors.ToDictionary(), detail);
    }

    /// <summary>400 for a single field.</summary>
    public static ValidationProblem Invalid(string field, string reason)
    {
        var errors = new RequestErrors();
        errors.Add(field, reason);
        return Invalid(errors);
    }

    /// <summary>404 naming the topic.</summary>
    public static ProblemHttpResult UnknownTopic(string topic) => TypedResults.Problem(
        title: "Unknown topic",
        detail: $"Topic '{topic}' does not exist.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["topic"] = topic });

    /// <summary>413 naming the limit.</summary>
    public static ProblemHttpResult BodyTooLarge(long limit, long? actual) => TypedResults.Problem(
        title: "Request body too large",
        detail: actual is { } length
            ? $"The request body has {length} bytes; at most {limit} bytes are accepted (Api:MaxRequestBodyBytes)."
            : $"The request body exceeds {limit} bytes, the most accepted (Api:MaxRequestBodyBytes).",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["limit"] = limit });

    /// <summary>415 naming the content type that was sent.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        title: "Unsupported media type",
        detail: string.IsNullOrEmpty(contentType)
            ? "The request has no Content-Type; send the body as application/json."
            : $"Content-Type '{contentType}' is not accepted; send the body as application/json.",
        statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>401 for a missing or wrong API key.</summary>
    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(
        title: "API key required",
        detail: detail,
        statusCode: StatusCodes.Status401Unauthorized);
}
