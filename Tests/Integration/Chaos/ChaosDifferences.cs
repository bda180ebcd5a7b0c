namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>Where persisted grain state and the log disagree: units missing (lost) or extra (applied twice), with examples.</summary>
internal sealed class ChaosDifferences
{
    private readonly List<string> _examples = [];

    /// <summary>Events in the log that no grain applied (summed over keys).</summary>
    public long Lost { get; private set; }

    /// <summary>Events applied more often than the log holds them (summed over keys).</summary>
    public long Duplicated { get; private set; }

    /// <summary>Up to 20 keys that differ, with both values.</summary>
    public IReadOnlyList<string> Examples => _examples;

    /// <summary>Differences in a detail of a key whose event count matched (e.g. a user's clicks of one product).</summary>
    public long Mismatched { get; private set; }

    /// <summary>Notes a key; <paramref name="counted"/>: false for a detail of a key whose events are counted elsewhere.</summary>
    public void Add(string what, long expected, long actual, string detail, bool counted = true)
    {
        if (expected == actual)
        {
            return;
        }

        if (counted)
        {
            Lost += Math.Max(0, expected - actual);
            Duplicated += Math.Max(0, actual - expected);
        }
        else
        {
            Mismatched++;
        }

        if (_examples.Count < 20)
        {
            _examples.Add($"{what}: {detail}");
        }
    }
}
