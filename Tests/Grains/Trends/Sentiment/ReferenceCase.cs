namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

/// <summary>One sentence of Tests/Fixtures/Sentiment/vader-expected.json with the reference's scores.</summary>
internal sealed record ReferenceCase(string Text, double Neg, double Neu, double Pos, double Compound);
