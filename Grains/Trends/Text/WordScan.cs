namespace StreamOrleans.Grains.Trends.Text;

/// <summary>What scanning a word or number found: its length, whether it has letters or digits, and its letter cases.</summary>
internal readonly record struct WordScan(int Length, bool HasLetter, bool HasDigit, int UpperCount, int LowerCount)
{
    /// <summary>Two or more upper-case letters and no lower-case one.</summary>
    public bool IsAllCaps => UpperCount >= 2 && LowerCount == 0;
}
