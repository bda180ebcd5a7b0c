namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A sentiment classifier's quality on a version's holdout (three classes).</summary>
/// <param name="Accuracy">Share of held-out posts labelled right.</param>
/// <param name="MacroF1">Mean of the three classes' F1.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record SentimentHoldoutScores([property: Orleans.Id(0)] double Accuracy, [property: Orleans.Id(1)] double MacroF1);
