namespace StreamOrleans.Grains.Recommendations.Import;

/// <summary>The formats <see cref="InteractionFileReader"/> reads.</summary>
public enum InteractionFileFormat
{
    /// <summary><c>userId,productId,kind,timestamp</c>: kind view|click|purchase, timestamp ISO 8601 or Unix seconds.</summary>
    Interactions,

    /// <summary>
    /// MovieLens ratings: <c>userId,movieId,rating,timestamp</c> (ratings.csv) or <c>userId::movieId::rating::timestamp</c>
    /// (ratings.dat), timestamp in Unix seconds; a rating of 4 or more counts as a purchase, a lower one as a click.
    /// </summary>
    MovieLens,
}
