using System.Text.Json.Serialization;

namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A post's sentiment label, when the producer knows it (JSON: "negative", "neutral", "positive").</summary>
[Orleans.GenerateSerializer]
public enum PostLabel
{
    /// <summary>Negative.</summary>
    [JsonStringEnumMemberName("negative")]
    Negative,

    /// <summary>Neutral.</summary>
    [JsonStringEnumMemberName("neutral")]
    Neutral,

    /// <summary>Positive.</summary>
    [JsonStringEnumMemberName("positive")]
    Positive,
}
