namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>The host's limits and key, so the fuzzer can aim just over them.</summary>
/// <param name="ApiKey">The configured Api:ApiKey (sent on most requests), or null.</param>
/// <param name="MaxJsonBytes">Api:MaxRequestBodyBytes.</param>
/// <param name="MaxImageBytes">Cameras:MaxFrameBytes.</param>
/// <param name="MaxEventsPerBatch">Api:MaxEventsPerBatch.</param>
public sealed record FuzzLimits(string? ApiKey, long MaxJsonBytes, long MaxImageBytes, int MaxEventsPerBatch);
