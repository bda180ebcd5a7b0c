namespace StreamOrleans.Grains.Trends.Hashing;

/// <summary>
/// Process-independent hashes of text, for feature hashing and sketches. <see cref="string.GetHashCode()"/> is
/// randomised per process, so persisted models must never depend on it.
/// </summary>
/// <remarks>
/// Method: 64-bit FNV-1a (Fowler, Noll, Vo; offset basis 14695981039346656037, prime 1099511628211) applied to each
/// UTF-16 code unit as one 16-bit symbol, followed by the 64-bit finaliser of MurmurHash3 (Appleby) so that every
/// output bit depends on every input bit (FNV-1a alone has weak low bits, and we take bucket indices from them).
/// </remarks>
public static class TextHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>64-bit hash of the UTF-16 code units of <paramref name="text"/>.</summary>
    public static ulong Hash64(ReadOnlySpan<char> text) => Mix64(Fnv1a64(text));

    /// <summary>
    /// Plain 64-bit FNV-1a over UTF-16 code units (one step per code unit); for ASCII text this equals FNV-1a over
    /// the ASCII bytes.
    /// </summary>
    public static ulong Fnv1a64(ReadOnlySpan<char> text)
    {
        var h = OffsetBasis;
        foreach (var c in text)
        {
            h ^= c;
            h *= Prime;
        }

        return h;
    }

    /// <summary>Hash of an ordered pair of hashes (for example a bigram from its two unigram hashes).</summary>
    public static ulong Combine(ulong first, ulong second) => Mix64(first ^ (second + 0x9E3779B97F4A7C15UL + (first << 6) + (first >> 2)));

    /// <summary>MurmurHash3's fmix64 finaliser: a bijective avalanche of a 64-bit value.</summary>
    public static ulong Mix64(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
