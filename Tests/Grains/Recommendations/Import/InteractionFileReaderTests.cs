using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Import;

namespace StreamOrleans.Tests.Grains.Recommendations.Import;

public sealed class InteractionFileReaderTests
{
    [Fact]
    public void Interaction_csv_maps_each_column_and_skips_the_header_and_blank_lines()
    {
        var rows = Read("userId,productId,kind,timestamp\nu1,p1,click,2026-02-01T10:00:00Z\n\nu2,p9,Purchase,1767225600\nu1,p2,view,2026-02-01T10:05:00+01:00\n", InteractionFileFormat.Interactions);

        Assert.Equal(
            [
                new InteractionRow(2, new UserEvent("u1", "p1", UserEventKind.Click, new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero)), null),
                new InteractionRow(4, new UserEvent("u2", "p9", UserEventKind.Purchase, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), null),
                new InteractionRow(5, new UserEvent("u1", "p2", UserEventKind.View, new DateTimeOffset(2026, 2, 1, 9, 5, 0, TimeSpan.Zero)), null),
            ],
            rows);
    }

    [Fact]
    public void MovieLens_ratings_of_4_or_more_are_purchases_and_lower_ones_clicks_in_both_file_styles()
    {
        var csv = Read("userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,4.0,1260759179\n7,10,5,1260759200\n", InteractionFileFormat.MovieLens);
        var dat = Read("1::1193::5::978300760\n1::661::3::978302109\n", InteractionFileFormat.MovieLens);

        Assert.Equal([UserEventKind.Click, UserEventKind.Purchase, UserEventKind.Purchase], csv.Select(r => r.Event!.Kind));
        Assert.Equal(("1", "31", DateTimeOffset.FromUnixTimeSeconds(1260759144)), (csv[0].Event!.UserId, csv[0].Event!.ProductId, csv[0].Event!.Timestamp));
        Assert.Equal([UserEventKind.Purchase, UserEventKind.Click], dat.Select(r => r.Event!.Kind));
        Assert.Equal([1L, 2L], dat.Select(r => r.Line));
    }

    [Theory]
    [InlineData("u1,p1,like,2026-01-01T00:00:00Z", InteractionFileFormat.Interactions, "line 1: kind 'like'")]
    [InlineData("u1,p1,click", InteractionFileFormat.Interactions, "line 1: expected 4 fields")]
    [InlineData("u1,p1,click,yesterday", InteractionFileFormat.Interactions, "line 1: timestamp 'yesterday'")]
    [InlineData("u1,,click,2026-01-01T00:00:00Z", InteractionFileFormat.Interactions, "line 1: productId")]
    [InlineData("1,31,NaN,1260759144", InteractionFileFormat.MovieLens, "line 1: rating 'NaN'")]
    [InlineData("1,31,-1,1260759144", InteractionFileFormat.MovieLens, "line 1: rating '-1'")]
    [InlineData("1,31,4,100", InteractionFileFormat.MovieLens, "line 1: timestamp")]
    public void Bad_lines_are_reported_with_their_number_and_reason(string line, InteractionFileFormat format, string error)
    {
        var row = Assert.Single(Read(line + "\n", format));
        Assert.Null(row.Event);
        Assert.StartsWith(error, row.Error, StringComparison.Ordinal);
    }

    private static List<InteractionRow> Read(string text, InteractionFileFormat format) => [.. InteractionFileReader.Read(new StringReader(text), format)];
}
