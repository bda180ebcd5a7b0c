using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A record of topic <c>posts</c> (key: the post id). Labelled posts also train the learned sentiment model.</summary>
/// <param name="PostId">The post's id (a valid grain key).</param>
/// <param name="Author">Who wrote it (a valid grain key).</param>
/// <param name="Text">The text: at most <see cref="MaxTextLength"/> characters, no unpaired surrogates or control characters other than whitespace.</param>
/// <param name="Timestamp">When it was posted (event time: drives buckets and bursts).</param>
/// <param name="Label">Optional sentiment label.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record Post([property: Orleans.Id(0)] string PostId, [property: Orleans.Id(1)] string Author, [property: Orleans.Id(2)] string Text, [property: Orleans.Id(3)] DateTimeOffset Timestamp, [property: Orleans.Id(4)] PostLabel? Label = null) : IValidatableEvent
{
    /// <summary>The input topic.</summary>
    public const string Topic = "posts";

    /// <summary>Longest accepted text, in UTF-16 characters.</summary>
    public const int MaxTextLength = 2000;

    /// <inheritdoc />
    public void Validate(EventValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (GrainKeys.Validate(PostId) is { } id)
        {
            errors.Add("postId", id);
        }

        if (GrainKeys.Validate(Author) is { } author)
        {
            errors.Add("author", author);
        }

        if (TextProblem(Text) is { } text)
        {
            errors.Add("text", text);
        }

        if (Label is { } label && !Enum.IsDefined(label))
        {
            errors.Add("label", $"'{label}' is not one of positive, negative, neutral.");
        }

        if (Timestamp.Year is < 2000 or > 9000)
        {
            errors.Add("timestamp", $"{Timestamp:O} is outside the accepted range (years 2000 to 9000).");
        }
    }

    /// <summary>Why <paramref name="text"/> is not acceptable, or null.</summary>
    public static string? TextProblem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "must not be empty.";
        }

        if (text.Length > MaxTextLength)
        {
            return $"has {text.Length} characters; at most {MaxTextLength} are accepted.";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"has an unpaired surrogate at index {i} (not valid Unicode).";
            }
            else if (char.IsControl(c) && !char.IsWhiteSpace(c))
            {
                return $"has control character U+{(int)c:X4} at index {i}.";
            }
        }

        return null;
    }
}
