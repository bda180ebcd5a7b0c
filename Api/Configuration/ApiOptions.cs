using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Api.Configuration;

/// <summary>HTTP API settings (configuration section "Api"), validated at start-up.</summary>
public sealed class ApiOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>
    /// When set, ingest and admin routes require this value in the X-Api-Key header. Default null: no authentication
    /// (a local, single-user set-up).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Largest accepted request body, in bytes. Default 4 MiB.</summary>
    [Range(1024, 1L << 30, ErrorMessage = "MaxRequestBodyBytes must be between 1 KiB and 1 GiB.")]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most events accepted in one ingest batch. Default 10,000.</summary>
    [Range(1, 1_000_000, ErrorMessage = "MaxEventsPerBatch must be between 1 and 1,000,000.")]
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>Most dead letters one request may list. Default 1000.</summary>
    [Range(1, 100_000, ErrorMessage = "MaxDeadLetters must be between 1 and 100,000.")]
    public int MaxDeadLetters { get; set; } = 1000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKey is not null && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("ApiKey must not be empty or whitespace; remove the setting to disable API keys.", [nameof(ApiKey)]);
        }
    }
}
