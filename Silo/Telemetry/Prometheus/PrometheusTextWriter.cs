using System.Globalization;
using System.Text;

namespace StreamOrleans.Silo.Telemetry.Prometheus;

/// <summary>
/// Renders metric families in the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/): "# HELP" (backslash and newline escaped),
/// "# TYPE", one line per sample; label values escape backslash, double quote and newline; histograms expand to
/// cumulative _bucket{le=...} lines ending with le="+Inf", then _sum and _count. Names and label names are sanitized
/// to [a-zA-Z_:][a-zA-Z0-9_:]* as the OpenTelemetry-to-Prometheus compatibility spec does.
/// </summary>
public static class PrometheusTextWriter
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<PrometheusMetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var text = new StringBuilder();
        foreach (var family in families)
        {
            var name = SanitizeName(family.Name);
            text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(family.Type switch
            {
                PrometheusMetricType.Counter => "counter",
                PrometheusMetricType.Gauge => "gauge",
                _ => "histogram",
            }).Append('\n');
            foreach (var point in family.Points)
            {
                if (family.Type != PrometheusMetricType.Histogram)
                {
                    Sample(text, name, point.Labels, null, point.Value);
                    continue;
                }

                long cumulative = 0;
                foreach (var (bound, count) in point.Buckets ?? [])
                {
                    cumulative += count;
                    Sample(text, name + "_bucket", point.Labels, FormatValue(bound), cumulative);
                }

                if (point.Buckets is not { Count: > 0 } || !double.IsPositiveInfinity(point.Buckets[^1].Key))
                {
                    Sample(text, name + "_bucket", point.Labels, "+Inf", point.Count);
                }

                Sample(text, name + "_sum", point.Labels, null, point.Sum);
                Sample(text, name + "_count", point.Labels, null, point.Count);
            }
        }

        return text.ToString();
    }

    /// <summary>Replaces every character outside [a-zA-Z0-9_:] by '_' and prefixes '_' when it starts with a digit.</summary>
    public static string SanitizeName(string name) => Sanitize(name, allowColon: true);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void Sample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, labelValue) in labels)
            {
                text.Append(first ? "" : ",").Append(Sanitize(key, allowColon: false)).Append("=\"").Append(EscapeLabelValue(labelValue)).Append('"');
                first = false;
            }

            if (le is not null)
            {
                text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static string Sanitize(string name, bool allowColon)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                chars[i] = i == 0 && char.IsAsciiDigit(c) ? c : '_';
            }
        }

        var result = new string(chars);
        return result.Length > 0 && char.IsAsciiDigit(result[0]) ? "_" + result : result;
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
