namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// The sparse user x item matrix of implicit ratings r (r = 3 x purchases + clicks + viewWeight x views; only r &gt; 0
/// is stored, which is exactly where the preference p = 1), in both CSR (<see cref="ByUser"/>) and CSC
/// (<see cref="ByItem"/>) forms, with the string-id maps. Confidences c = 1 + alpha x r are derived from it by
/// <see cref="ImplicitAlsOptions.Confidence"/>, so one matrix serves every alpha.
/// </summary>
public sealed class InteractionMatrix
{
    /// <summary>Wraps a user-rows rating matrix and its id maps.</summary>
    public InteractionMatrix(IdIndex users, IdIndex items, CompressedSparseMatrix byUser)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(byUser);
        if (byUser.RowCount != users.Count || byUser.ColumnCount != items.Count)
        {
            throw new ArgumentException(
                $"Matrix is {byUser.RowCount} x {byUser.ColumnCount} but there are {users.Count} users and {items.Count} items.",
                nameof(byUser));
        }

        Users = users;
        Items = items;
        ByUser = byUser;
        ByItem = byUser.Transpose();
    }

    /// <summary>User id &lt;-&gt; row index.</summary>
    public IdIndex Users { get; }

    /// <summary>Item id &lt;-&gt; column index.</summary>
    public IdIndex Items { get; }

    /// <summary>Ratings with one row per user (CSR).</summary>
    public CompressedSparseMatrix ByUser { get; }

    /// <summary>Ratings with one row per item (CSC of <see cref="ByUser"/>).</summary>
    public CompressedSparseMatrix ByItem { get; }

    /// <summary>Number of (user, item) pairs with r &gt; 0.</summary>
    public int NonZeroCount => ByUser.NonZeroCount;

    /// <summary>Builds the matrix from events.</summary>
    public static InteractionMatrix FromInteractions(IEnumerable<Interaction> interactions, FeedbackWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var builder = new InteractionMatrixBuilder(weights ?? FeedbackWeights.Default);
        foreach (var interaction in interactions)
        {
            builder.Add(interaction);
        }

        return builder.Build();
    }
}
