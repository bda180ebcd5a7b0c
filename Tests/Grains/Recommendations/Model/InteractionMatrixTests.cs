using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public class InteractionMatrixTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ratings_are_three_per_purchase_plus_clicks_and_views_count_only_with_weight()
    {
        Interaction[] events =
        [
            new("u1", "p1", InteractionKind.Purchase, T0),
            new("u1", "p1", InteractionKind.Click, T0),
            new("u1", "p1", InteractionKind.Click, T0),
            new("u1", "p2", InteractionKind.View, T0),
            new("u2", "p2", InteractionKind.Click, T0),
            new("u2", "p3", InteractionKind.View, T0),
            new("u2", "p3", InteractionKind.View, T0),
        ];

        var ignoringViews = InteractionMatrix.FromInteractions(events);
        Assert.Equal(2, ignoringViews.NonZeroCount);
        Assert.Equal(5f, Cell(ignoringViews, "u1", "p1"));
        Assert.Equal(0f, Cell(ignoringViews, "u1", "p2"));
        Assert.Equal(3, ignoringViews.Items.Count); // view-only items are still indexed

        var withViews = InteractionMatrix.FromInteractions(events, new FeedbackWeights { ViewWeight = 0.5f });
        Assert.Equal(4, withViews.NonZeroCount);
        Assert.Equal(0.5f, Cell(withViews, "u1", "p2"));
        Assert.Equal(1f, Cell(withViews, "u2", "p3"));
    }

    [Fact]
    public void Column_form_is_the_transpose_of_the_row_form()
    {
        var matrix = SmallMatrices.Random(seed: 4);
        Assert.Equal(matrix.NonZeroCount, matrix.ByItem.NonZeroCount);
        for (var u = 0; u < matrix.Users.Count; u++)
        {
            var columns = matrix.ByUser.RowColumns(u);
            Assert.True(columns.ToArray().SequenceEqual(columns.ToArray().Order()), "columns ascending");
            for (var i = 0; i < matrix.Items.Count; i++)
            {
                Assert.Equal(matrix.ByUser[u, i], matrix.ByItem[i, u]);
            }
        }
    }

    [Fact]
    public void Coordinates_with_duplicates_are_summed()
    {
        var matrix = CompressedSparseMatrix.FromCoordinates(2, 3, [1, 0, 1, 1], [2, 1, 0, 2], [1f, 2f, 3f, 4f]);
        Assert.Equal([0, 1, 3], matrix.RowStarts.ToArray());
        Assert.Equal([1, 0, 2], matrix.Columns.ToArray());
        Assert.Equal([2f, 3f, 5f], matrix.Values.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressedSparseMatrix.FromCoordinates(2, 3, [2], [0], [1f]));
    }

    [Fact]
    public void Bad_input_is_rejected_with_clear_errors()
    {
        var builder = new InteractionMatrixBuilder(FeedbackWeights.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add("u", "p", -1f));
        Assert.Throws<ArgumentException>(() => builder.Add("", "p", 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedbackWeights { ViewWeight = 2f });
    }

    private static float Cell(InteractionMatrix matrix, string user, string item) =>
        matrix.Users.TryGetIndex(user, out var u) && matrix.Items.TryGetIndex(item, out var i) ? matrix.ByUser[u, i] : float.NaN;
}
