using StreamOrleans.Grains.Trends.Text;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// The topics of a post: its hashtags ("#tag", lower case) and the configured keywords it contains as words, without
/// duplicates, in order of appearance, at most <see cref="TrendsOptions.MaxTopicsPerPost"/>.
/// </summary>
public sealed class TopicExtractor(TrendsOptions options)
{
    private readonly HashSet<string> _keywords = [.. options.Keywords.Select(k => k.Trim().ToLowerInvariant()).Where(k => k.Length > 0)];

    /// <summary>Whether <paramref name="word"/> (lower case) is a configured keyword.</summary>
    public bool IsKeyword(string word) => _keywords.Contains(word);

    /// <summary>Adds the topics of <paramref name="tokens"/> to <paramref name="topics"/>.</summary>
    public void Extract(TokenList tokens, ICollection<string> topics)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(topics);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count && seen.Count < options.MaxTopicsPerPost; i++)
        {
            var token = tokens[i];
            string? topic = token.Kind switch
            {
                TokenKind.Hashtag => "#" + tokens.GetNormalized(token).TrimStart('#').ToString().ToLowerInvariant(),
                TokenKind.Word when _keywords.Count > 0 && _keywords.Contains(tokens.GetNormalizedString(i).ToLowerInvariant()) => tokens.GetNormalizedString(i).ToLowerInvariant(),
                _ => null,
            };
            if (topic is { Length: > 1 } && seen.Add(topic))
            {
                topics.Add(topic);
            }
        }
    }
}
