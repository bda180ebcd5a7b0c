namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>A dense, insertion-ordered map between string ids (users or products) and matrix indexes 0..Count-1.</summary>
public sealed class IdIndex
{
    private readonly Dictionary<string, int> _indexes;
    private readonly List<string> _ids;

    /// <summary>An empty index.</summary>
    public IdIndex()
    {
        _indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        _ids = [];
    }

    /// <summary>An index over <paramref name="ids"/> in the given order.</summary>
    public IdIndex(IEnumerable<string> ids)
        : this()
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            GetOrAdd(id);
        }
    }

    /// <summary>How many ids are indexed.</summary>
    public int Count => _ids.Count;

    /// <summary>The ids, index order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The id at <paramref name="index"/>.</summary>
    public string this[int index] => _ids[index];

    /// <summary>The index of <paramref name="id"/>, adding it at the end if new.</summary>
    public int GetOrAdd(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!_indexes.TryGetValue(id, out var index))
        {
            index = _ids.Count;
            _indexes.Add(id, index);
            _ids.Add(id);
        }

        return index;
    }

    /// <summary>The index of <paramref name="id"/>, if indexed.</summary>
    public bool TryGetIndex(string id, out int index) => _indexes.TryGetValue(id, out index);
}
