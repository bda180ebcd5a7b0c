namespace StreamOrleans.Api.Health.Contracts;

/// <summary>One health check's result.</summary>
public sealed record HealthCheckResponse(string Name, string Status, string? Description, double DurationMs);
