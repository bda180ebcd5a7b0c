namespace StreamOrleans.Api.Http;

/// <summary>
/// Problems found in a request, by field (a JSON path such as "events[3].value.amount"), in the shape of
/// ValidationProblem's "errors" dictionary. Keeps at most <see cref="MaxFields"/> fields so that a batch of
/// thousands of bad events still gets a small answer.
/// </summary>
public sealed class RequestErrors
{
    /// <summary>Most fields reported in one answer.</summary>
    public const int MaxFields = 100;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no problem was added.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>True when problems beyond <see cref="MaxFields"/> fields were dropped.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Records that <paramref name="field"/> is wrong because <paramref name="reason"/>.</summary>
    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
        {
            if (_errors.Count >= MaxFields)
            {
                Truncated = true;
                return;
            }

            _errors[field] = reasons = [];
        }

        reasons.Add(reason);
    }

    /// <summary>The problems as ValidationProblem expects them.</summary>
    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
