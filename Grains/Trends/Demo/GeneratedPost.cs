using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>One synthetic social-media post.</summary>
/// <param name="PostId">Sequence number, from 1.</param>
/// <param name="Author">Author handle (without '@').</param>
/// <param name="Timestamp">Event time.</param>
/// <param name="Text">Post text with words, hashtags, mentions, URLs and emoji.</param>
/// <param name="Hashtags">The post's hashtags, lower case, without '#'.</param>
/// <param name="Label">The sentiment label the post was written with (possibly flipped by label noise).</param>
/// <param name="BurstTopic">The planted burst this post belongs to, or null for background traffic.</param>
public sealed record GeneratedPost(
    long PostId,
    string Author,
    DateTimeOffset Timestamp,
    string Text,
    IReadOnlyList<string> Hashtags,
    SentimentLabel Label,
    string? BurstTopic);
