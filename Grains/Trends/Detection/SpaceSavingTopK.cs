namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Approximate heavy hitters / top-K of a weighted stream in fixed memory (k counters).
/// </summary>
/// <remarks>
/// Method: Space-Saving, Metwally, Agrawal and El Abbadi, "Efficient Computation of Frequent and Top-k Elements in
/// Data Streams" (ICDT 2005). A new item replaces the item with the smallest counter and inherits that counter as its
/// error. Guarantees (for non-negative weights, N = total weight): every monitored item has Count - Error &lt;= true
/// weight &lt;= Count; the smallest counter is at most N / k; so every item whose weight exceeds N / k is monitored.
/// The paper's Stream-Summary list gives O(1) unit increments; to support real-valued weights (e.g. trend scores)
/// the counters live in an indexed binary min-heap instead: O(log k) per update, same guarantees.
/// </remarks>
public sealed class SpaceSavingTopK<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _position;
    private readonly TKey[] _keys;
    private readonly double[] _counts;
    private readonly double[] _errors;
    private int _size;

    /// <summary>Creates an empty summary with <paramref name="capacity"/> counters.</summary>
    public SpaceSavingTopK(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _position = new Dictionary<TKey, int>(capacity, comparer);
        _keys = new TKey[capacity];
        _counts = new double[capacity];
        _errors = new double[capacity];
    }

    /// <summary>Number of counters.</summary>
    public int Capacity => _keys.Length;

    /// <summary>Number of monitored items.</summary>
    public int Count => _size;

    /// <summary>Sum of all weights added.</summary>
    public double TotalWeight { get; private set; }

    /// <summary>
    /// The smallest counter once all counters are in use (0 before): an upper bound on the weight of any item that
    /// is not monitored.
    /// </summary>
    public double MinCount => _size < Capacity ? 0 : _counts[0];

    /// <summary>Adds <paramref name="weight"/> (non-negative, finite) to <paramref name="key"/>.</summary>
    public void Add(TKey key, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!(weight >= 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "Weight must be a non-negative finite number.");
        }

        TotalWeight += weight;
        if (_position.TryGetValue(key, out var i))
        {
            _counts[i] += weight;
            SiftDown(i);
            return;
        }

        if (_size < Capacity)
        {
            i = _size++;
            Place(i, key, weight, 0);
            SiftUp(i);
            return;
        }

        // Replace the minimum: the newcomer inherits its counter as over-estimation error.
        var min = _counts[0];
        _position.Remove(_keys[0]);
        Place(0, key, min + weight, min);
        SiftDown(0);
    }

    /// <summary>
    /// Multiplies every counter, error and the total by <paramref name="factor"/> (positive, finite). Order and the
    /// guarantees are preserved; used to rescale forward-decayed weights before they grow too large.
    /// </summary>
    public void Scale(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Factor must be a positive finite number.");
        }

        for (var i = 0; i < _size; i++)
        {
            _counts[i] *= factor;
            _errors[i] *= factor;
        }

        TotalWeight *= factor;
    }

    /// <summary>The monitored entry for <paramref name="key"/>, or null if it is not monitored.</summary>
    public TopKEntry<TKey>? Find(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _position.TryGetValue(key, out var i) ? new TopKEntry<TKey>(key, _counts[i], _errors[i]) : null;
    }

    /// <summary>The <paramref name="limit"/> monitored items with the largest counts, largest first.</summary>
    public IReadOnlyList<TopKEntry<TKey>> Top(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var all = new TopKEntry<TKey>[_size];
        for (var i = 0; i < _size; i++)
        {
            all[i] = new TopKEntry<TKey>(_keys[i], _counts[i], _errors[i]);
        }

        Array.Sort(all, static (a, b) => b.Count.CompareTo(a.Count));
        return all.Length <= limit ? all : all[..limit];
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public SpaceSavingState<TKey> ExportState()
    {
        var entries = new TopKEntry<TKey>[_size];
        for (var i = 0; i < _size; i++)
        {
            entries[i] = new TopKEntry<TKey>(_keys[i], _counts[i], _errors[i]);
        }

        return new SpaceSavingState<TKey>(Capacity, TotalWeight, entries);
    }

    /// <summary>Rebuilds a summary from <see cref="ExportState"/>'s output.</summary>
    public static SpaceSavingTopK<TKey> FromState(SpaceSavingState<TKey> state, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Entries, nameof(state.Entries));
        if (state.Entries.Length > state.Capacity)
        {
            throw new ArgumentException($"State holds {state.Entries.Length} entries for {state.Capacity} counters.", nameof(state));
        }

        var summary = new SpaceSavingTopK<TKey>(state.Capacity, comparer) { TotalWeight = state.TotalWeight };
        foreach (var e in state.Entries)
        {
            if (summary._position.ContainsKey(e.Key))
            {
                throw new ArgumentException($"State lists '{e.Key}' twice.", nameof(state));
            }

            var i = summary._size++;
            summary.Place(i, e.Key, e.Count, e.Error);
            summary.SiftUp(i);
        }

        return summary;
    }

    private void Place(int i, TKey key, double count, double error)
    {
        _keys[i] = key;
        _counts[i] = count;
        _errors[i] = error;
        _position[key] = i;
    }

    private void Swap(int a, int b)
    {
        (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        (_counts[a], _counts[b]) = (_counts[b], _counts[a]);
        (_errors[a], _errors[b]) = (_errors[b], _errors[a]);
        _position[_keys[a]] = a;
        _position[_keys[b]] = b;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_counts[parent] <= _counts[i])
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _size)
            {
                return;
            }

            var smallest = left + 1 < _size && _counts[left + 1] < _counts[left] ? left + 1 : left;
            if (_counts[i] <= _counts[smallest])
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }
}
