using Google.Protobuf;

namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>
/// Reads the few fields the tests need from OTLP protobuf requests, by field number, per opentelemetry-proto v1:
/// collector/trace/v1/trace_service.proto (ExportTraceServiceRequest.resource_spans = 1),
/// trace/v1/trace.proto (ResourceSpans.scope_spans = 2; ScopeSpans.scope = 1, spans = 2; Span.trace_id = 1,
/// span_id = 2, parent_span_id = 4, name = 5, attributes = 9, links = 13; Span.Link.span_id = 2),
/// common/v1/common.proto (InstrumentationScope.name = 1; KeyValue.key = 1, value = 2; AnyValue.string_value = 1,
/// int_value = 3), collector/metrics/v1/metrics_service.proto (resource_metrics = 1) and metrics/v1/metrics.proto
/// (ResourceMetrics.scope_metrics = 2; ScopeMetrics.metrics = 2; Metric.name = 1). Other fields are skipped.
/// </summary>
public static class OtlpDecoder
{
    public static List<OtlpSpan> ReadSpans(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? "";
                spans.AddRange(Fields(scopeSpans, 2).Select(s => ReadSpan(scope, s)));
            }
        }

        return spans;
    }

    public static List<string> ReadMetricNames(byte[] request) =>
        [.. Fields(request, 1).SelectMany(r => Fields(r, 2)).SelectMany(s => Fields(s, 2)).Select(m => Text(m, 1) ?? "")];

    private static OtlpSpan ReadSpan(string scope, byte[] span)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in Fields(span, 9))
        {
            var value = Fields(keyValue, 2).FirstOrDefault();
            attributes[Text(keyValue, 1) ?? ""] = value is null ? "" : Text(value, 1) ?? Varint(value, 3)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        return new OtlpSpan(
            scope,
            Text(span, 5) ?? "",
            Hex(span, 1),
            Hex(span, 2),
            Hex(span, 4),
            attributes,
            [.. Fields(span, 13).Select(link => Hex(link, 2))]);
    }

    private static string Hex(byte[] message, int field) => Convert.ToHexStringLower(Fields(message, field).FirstOrDefault() ?? []);

    private static string? Text(byte[] message, int field) =>
        Fields(message, field).FirstOrDefault() is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    private static long? Varint(byte[] message, int field)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                return input.ReadInt64();
            }

            input.SkipLastField();
        }

        return null;
    }

    // Every length-delimited occurrence of a field.
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var result = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                result.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return result;
    }
}
