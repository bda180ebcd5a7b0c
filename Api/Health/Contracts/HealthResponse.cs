namespace StreamOrleans.Api.Health.Contracts;

/// <summary>Overall health ("Healthy", "Degraded", "Unhealthy") and each check's result.</summary>
public sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckResponse> Checks);
