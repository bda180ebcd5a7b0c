namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>The fields of an OTLP span the tests look at (hex ids; empty parent for a root).</summary>
public sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> LinkedSpanIds);
