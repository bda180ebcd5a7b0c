using StreamOrleans.Grains.Trends.Hashing;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// Feature hashing ("hashing trick", Weinberger et al. 2009) of word unigrams and adjacent bigrams into a fixed number
/// of buckets. Indices come from <see cref="TextHash"/>, so they are identical in every process and after restarts.
/// </summary>
public static class HashedNgramFeatures
{
    /// <summary>How many feature slots <see cref="Extract"/> needs for <paramref name="tokenCount"/> tokens.</summary>
    public static int Capacity(int tokenCount, bool useBigrams) =>
        useBigrams ? tokenCount + Math.Max(0, tokenCount - 1) : tokenCount;

    /// <summary>
    /// Writes the bucket index of every unigram (and bigram) into <paramref name="destination"/>; returns how many were
    /// written. Empty tokens are skipped and do not join bigrams. Allocates nothing.
    /// </summary>
    public static int Extract(ReadOnlySpan<string> tokens, int hashBits, bool useBigrams, Span<int> destination)
    {
        if (destination.Length < Capacity(tokens.Length, useBigrams))
        {
            throw new ArgumentException("Destination is too small; size it with Capacity().", nameof(destination));
        }

        var shift = 64 - hashBits;
        var written = 0;
        ulong previous = 0;
        var hasPrevious = false;
        foreach (var token in tokens)
        {
            if (string.IsNullOrEmpty(token))
            {
                continue;
            }

            var h = TextHash.Hash64(token);
            destination[written++] = (int)(h >> shift);
            if (useBigrams && hasPrevious)
            {
                destination[written++] = (int)(TextHash.Combine(previous, h) >> shift);
            }

            previous = h;
            hasPrevious = true;
        }

        return written;
    }

    /// <summary>
    /// As <see cref="Extract"/>, from token hashes already computed with <see cref="TextHash.Hash64"/> over each
    /// normalised token (so a tokenizer that yields character spans needs no strings). Equal tokens give equal features
    /// on both paths.
    /// </summary>
    public static int ExtractFromHashes(ReadOnlySpan<ulong> tokenHashes, int hashBits, bool useBigrams, Span<int> destination)
    {
        if (destination.Length < Capacity(tokenHashes.Length, useBigrams))
        {
            throw new ArgumentException("Destination is too small; size it with Capacity().", nameof(destination));
        }

        var shift = 64 - hashBits;
        var written = 0;
        for (var i = 0; i < tokenHashes.Length; i++)
        {
            var h = tokenHashes[i];
            destination[written++] = (int)(h >> shift);
            if (useBigrams && i > 0)
            {
                destination[written++] = (int)(TextHash.Combine(tokenHashes[i - 1], h) >> shift);
            }
        }

        return written;
    }
}
