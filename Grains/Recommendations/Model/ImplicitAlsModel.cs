namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>The result of <see cref="ImplicitAlsTrainer"/>: user and item factors, row-major with stride <see cref="Rank"/>.</summary>
public sealed class ImplicitAlsModel
{
    private readonly float[] _userFactors;
    private readonly float[] _itemFactors;

    /// <summary>Wraps trained factors (not copied).</summary>
    public ImplicitAlsModel(IdIndex users, IdIndex items, int rank, float[] userFactors, float[] itemFactors, ImplicitAlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(userFactors);
        ArgumentNullException.ThrowIfNull(itemFactors);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (userFactors.Length != users.Count * rank || itemFactors.Length != items.Count * rank)
        {
            throw new ArgumentException(
                $"Expected {users.Count} x {rank} user factors and {items.Count} x {rank} item factors.", nameof(userFactors));
        }

        Users = users;
        Items = items;
        Rank = rank;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        Options = options;
    }

    /// <summary>User id &lt;-&gt; row of <see cref="UserFactors"/>.</summary>
    public IdIndex Users { get; }

    /// <summary>Item id &lt;-&gt; row of <see cref="ItemFactors"/>.</summary>
    public IdIndex Items { get; }

    /// <summary>Factor length.</summary>
    public int Rank { get; }

    /// <summary>The options the model was trained with.</summary>
    public ImplicitAlsOptions Options { get; }

    /// <summary>All user vectors, row-major (users x rank).</summary>
    public ReadOnlyMemory<float> UserFactors => _userFactors;

    /// <summary>All item vectors, row-major (items x rank).</summary>
    public ReadOnlyMemory<float> ItemFactors => _itemFactors;

    /// <summary>The vector of the user at <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> UserVector(int index) => _userFactors.AsSpan(index * Rank, Rank);

    /// <summary>The vector of the item at <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> ItemVector(int index) => _itemFactors.AsSpan(index * Rank, Rank);
}
