namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>A labelled post as the sentiment models train on it.</summary>
/// <param name="Text">The post's text (VADER reads it).</param>
/// <param name="Features">The learned models' tokens (<c>SentimentScorer.Features</c>) joined by spaces.</param>
/// <param name="Label">Its label.</param>
public sealed record LabelledPost(string Text, string Features, SentimentLabel Label);
