namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>Reads samples from the Prometheus text exposition format (labels in any order, optional timestamp).</summary>
internal static class PrometheusText
{
    /// <summary>The value of the first sample of <paramref name="metric"/> whose labels include every one of <paramref name="labels"/> (each <c>name="value"</c>); null when none.</summary>
    public static string? Value(string text, string metric, params string[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && !line.StartsWith(metric + " ", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.IndexOf('}', StringComparison.Ordinal);
            var labelText = close < 0 ? "" : line[(metric.Length + 1)..close];
            var present = labelText.Split(',');
            if (labels.All(l => present.Contains(l, StringComparer.Ordinal)))
            {
                return line[(close < 0 ? metric.Length : close + 1)..].Trim().Split(' ')[0];
            }
        }

        return null;
    }
}
