using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>Ground truth of one burst planted by <see cref="PostGenerator"/>.</summary>
/// <param name="Topic">The hashtag (lower case, without '#').</param>
/// <param name="Start">First instant of extra traffic.</param>
/// <param name="End">Last instant of extra traffic.</param>
/// <param name="PeakPostsPerMinute">Extra posts per minute at the plateau (traffic ramps up over the first quarter).</param>
/// <param name="Sentiment">The sentiment most of the burst's posts carry.</param>
/// <param name="IsNewTopic">True if the topic never appears outside the burst; false if it surges over its background.</param>
public sealed record PlantedBurst(
    string Topic, DateTimeOffset Start, DateTimeOffset End, double PeakPostsPerMinute, SentimentLabel Sentiment, bool IsNewTopic);
