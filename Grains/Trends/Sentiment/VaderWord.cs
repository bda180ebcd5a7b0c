namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>One word of a text as VADER sees it: where it is, its lexicon valence, booster scalar and tags.</summary>
internal readonly record struct VaderWord(int Start, int Length, double Valence, double BoosterScalar, VaderWordTags Tags)
{
    public bool Has(VaderWordTags tag) => (Tags & tag) != 0;
}
