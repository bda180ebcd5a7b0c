namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>The learned sentiment model's prequential (test-then-train) quality and its weight in the combination.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record SentimentModelMetrics([property: Orleans.Id(0)] long LabelledPosts, [property: Orleans.Id(1)] double Accuracy, [property: Orleans.Id(2)] double MacroF1, [property: Orleans.Id(3)] double WindowAccuracy, [property: Orleans.Id(4)] double WindowMacroF1, [property: Orleans.Id(5)] double LearnedWeight);
