using System.Runtime.InteropServices;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>Accumulates events into an <see cref="InteractionMatrix"/>; repeated (user, item) events add up.</summary>
public sealed class InteractionMatrixBuilder
{
    private readonly FeedbackWeights _weights;
    private readonly IdIndex _users = new();
    private readonly IdIndex _items;
    private readonly List<int> _rows = [];
    private readonly List<int> _columns = [];
    private readonly List<float> _values = [];

    /// <summary>A builder using <paramref name="weights"/>; <paramref name="items"/> pre-seeds the item index (e.g. a catalogue).</summary>
    public InteractionMatrixBuilder(FeedbackWeights weights, IdIndex? items = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = weights;
        _items = items is null ? new IdIndex() : new IdIndex(items.Ids);
    }

    /// <summary>Adds one event. Zero-weight events (views, by default) only register their ids.</summary>
    public void Add(Interaction interaction) => Add(interaction.UserId, interaction.ItemId, _weights.Weight(interaction.Kind));

    /// <summary>Adds <paramref name="rating"/> (&gt;= 0) to the (user, item) cell.</summary>
    public void Add(string userId, string itemId, float rating)
    {
        if (!float.IsFinite(rating) || rating < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating must be a finite number >= 0.");
        }

        var user = _users.GetOrAdd(userId);
        var item = _items.GetOrAdd(itemId);
        if (rating > 0f)
        {
            _rows.Add(user);
            _columns.Add(item);
            _values.Add(rating);
        }
    }

    /// <summary>The matrix of everything added so far.</summary>
    public InteractionMatrix Build()
    {
        var byUser = CompressedSparseMatrix.FromCoordinates(
            _users.Count,
            _items.Count,
            CollectionsMarshal.AsSpan(_rows),
            CollectionsMarshal.AsSpan(_columns),
            CollectionsMarshal.AsSpan(_values));
        return new InteractionMatrix(new IdIndex(_users.Ids), new IdIndex(_items.Ids), byUser);
    }
}
