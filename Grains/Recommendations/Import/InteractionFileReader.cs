using System.Globalization;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Recommendations.Import;

/// <summary>
/// Reads interaction logs into <c>user-events</c> records, line by line (files of any size), with a clear error per
/// bad line. A first line whose last column is named "timestamp" is a header and skipped; blank lines are
/// skipped. Every event is validated as the stream would validate it.
/// </summary>
public static class InteractionFileReader
{
    /// <summary>MovieLens ratings at or above this count as purchases.</summary>
    public const double PurchaseRating = 4.0;

    /// <summary>The rows of <paramref name="reader"/> in <paramref name="format"/>.</summary>
    public static IEnumerable<InteractionRow> Read(TextReader reader, InteractionFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Contains("::", StringComparison.Ordinal) ? line.Split("::") : line.Split(',');
            if (number == 1 && fields.Length == 4 && fields[3].Trim().Equals("timestamp", StringComparison.OrdinalIgnoreCase))
            {
                continue;   // header
            }

            yield return Parse(number, fields, format);
        }
    }

    /// <summary>One line's fields as an event, or the reason it cannot be one.</summary>
    public static InteractionRow Parse(long line, string[] fields, InteractionFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length != 4)
        {
            return Bad(line, $"expected 4 fields ({Columns(format)}), got {fields.Length}");
        }

        var user = fields[0].Trim();
        var product = fields[1].Trim();
        var value = fields[2].Trim();
        if (!TryTimestamp(fields[3].Trim(), out var timestamp))
        {
            return Bad(line, $"timestamp '{fields[3].Trim()}' is neither ISO 8601 nor Unix seconds");
        }

        UserEventKind kind;
        if (format == InteractionFileFormat.MovieLens)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rating) || !double.IsFinite(rating) || rating < 0)
            {
                return Bad(line, $"rating '{value}' is not a non-negative number");
            }

            kind = rating >= PurchaseRating ? UserEventKind.Purchase : UserEventKind.Click;
        }
        else if (!TryKind(value, out kind))
        {
            return Bad(line, $"kind '{value}' is not one of view, click, purchase");
        }

        var item = new UserEvent(user, product, kind, timestamp);
        var errors = new EventValidationErrors();
        item.Validate(errors);
        return errors.IsEmpty ? new InteractionRow(line, item, null) : Bad(line, errors.ToString());
    }

    private static InteractionRow Bad(long line, string reason) => new(line, null, $"line {line}: {reason}");

    private static string Columns(InteractionFileFormat format) =>
        format == InteractionFileFormat.MovieLens ? "userId,movieId,rating,timestamp" : "userId,productId,kind,timestamp";

    private static bool TryKind(string value, out UserEventKind kind)
    {
        switch (value.ToLowerInvariant())
        {
            case "view": kind = UserEventKind.View; return true;
            case "click": kind = UserEventKind.Click; return true;
            case "purchase": kind = UserEventKind.Purchase; return true;
            default: kind = default; return false;
        }
    }

    private static bool TryTimestamp(string value, out DateTimeOffset timestamp)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 253_402_300_799)
        {
            timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }
}
