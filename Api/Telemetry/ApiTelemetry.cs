using System.Diagnostics;

namespace StreamOrleans.Api.Telemetry;

/// <summary>The API's activity source ("StreamOrleans.Api"): spans of HTTP ingest.</summary>
public static class ApiTelemetry
{
    public const string Name = "StreamOrleans.Api";

    public static ActivitySource Source { get; } = new(Name);
}
