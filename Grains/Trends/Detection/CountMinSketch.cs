using StreamOrleans.Grains.Trends.Hashing;

namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Frequency estimates for an unbounded set of keys in fixed memory; estimates never under-count.
/// </summary>
/// <remarks>
/// Method: Count-Min sketch, Cormode and Muthukrishnan, "An Improved Data Stream Summary: The Count-Min Sketch and its
/// Applications" (J. Algorithms 2005). With width w = ceil(e / epsilon) and depth d = ceil(ln(1 / delta)), the estimate
/// a' of a key's true count a satisfies a &lt;= a' and, with probability at least 1 - delta, a' &lt;= a + epsilon N.
/// Row j hashes with the pairwise-independent family ((a_j x + b_j) mod p) mod w, p = 2^61 - 1, over a 64-bit
/// <see cref="TextHash"/> fingerprint x of the key. Optional conservative update (Estan and Varghese, SIGCOMM 2002)
/// raises each row's counter only as far as needed (new minimum + count), which keeps the guarantees and lowers error.
/// </remarks>
public sealed class CountMinSketch
{
    private const ulong MersennePrime = (1UL << 61) - 1;

    private readonly long[] _counters;
    private readonly ulong[] _a;
    private readonly ulong[] _b;

    /// <summary>Creates an empty sketch of <paramref name="depth"/> rows of <paramref name="width"/> counters.</summary>
    public CountMinSketch(int width, int depth, ulong seed = 0x5EED, bool conservativeUpdate = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)width * depth, Array.MaxLength, "width * depth");
        Width = width;
        Depth = depth;
        Seed = seed;
        ConservativeUpdate = conservativeUpdate;
        _counters = new long[width * depth];
        _a = new ulong[depth];
        _b = new ulong[depth];
        var state = seed;
        for (var j = 0; j < depth; j++)
        {
            _a[j] = 1 + (SplitMix64(ref state) % (MersennePrime - 1));
            _b[j] = SplitMix64(ref state) % MersennePrime;
        }
    }

    /// <summary>Counters per row.</summary>
    public int Width { get; }

    /// <summary>Rows (independent hash functions).</summary>
    public int Depth { get; }

    /// <summary>Seed of the hash functions (sketches merge only with equal seeds and sizes).</summary>
    public ulong Seed { get; }

    /// <summary>Whether conservative update is on.</summary>
    public bool ConservativeUpdate { get; }

    /// <summary>Sum of all counts added (N).</summary>
    public long TotalCount { get; private set; }

    /// <summary>The additive error bound epsilon = e / width, relative to <see cref="TotalCount"/>.</summary>
    public double Epsilon => Math.E / Width;

    /// <summary>Probability delta = exp(-depth) that an estimate exceeds the bound.</summary>
    public double Delta => Math.Exp(-Depth);

    /// <summary>A sketch sized for error at most <paramref name="epsilon"/> N with probability 1 - <paramref name="delta"/>.</summary>
    public static CountMinSketch ForErrorBounds(double epsilon, double delta, ulong seed = 0x5EED, bool conservativeUpdate = false)
    {
        if (!(epsilon > 0 && epsilon < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be in (0, 1).");
        }

        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Delta must be in (0, 1).");
        }

        return new CountMinSketch((int)Math.Ceiling(Math.E / epsilon), (int)Math.Ceiling(Math.Log(1 / delta)), seed, conservativeUpdate);
    }

    /// <summary>Adds <paramref name="count"/> (non-negative) occurrences of <paramref name="key"/>.</summary>
    public void Add(ReadOnlySpan<char> key, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var x = Fingerprint(key);
        TotalCount += count;
        if (!ConservativeUpdate)
        {
            for (var j = 0; j < Depth; j++)
            {
                _counters[Cell(j, x)] += count;
            }

            return;
        }

        var target = EstimateFingerprint(x) + count;
        for (var j = 0; j < Depth; j++)
        {
            var cell = Cell(j, x);
            if (_counters[cell] < target)
            {
                _counters[cell] = target;
            }
        }
    }

    /// <summary>Estimated count of <paramref name="key"/>: never below the true count.</summary>
    public long Estimate(ReadOnlySpan<char> key) => EstimateFingerprint(Fingerprint(key));

    /// <summary>A copy of the state, for persistence.</summary>
    public CountMinSketchState ExportState() =>
        new(Width, Depth, Seed, ConservativeUpdate, (long[])_counters.Clone(), TotalCount);

    /// <summary>Rebuilds a sketch from <see cref="ExportState"/>'s output.</summary>
    public static CountMinSketch FromState(CountMinSketchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sketch = new CountMinSketch(state.Width, state.Depth, state.Seed, state.ConservativeUpdate);
        if (state.Counters is null || state.Counters.Length != sketch._counters.Length)
        {
            throw new ArgumentException($"Counters must hold Width * Depth = {sketch._counters.Length} values.", nameof(state));
        }

        state.Counters.CopyTo(sketch._counters, 0);
        sketch.TotalCount = state.TotalCount;
        return sketch;
    }

    private static ulong Fingerprint(ReadOnlySpan<char> key) => TextHash.Hash64(key) % MersennePrime;

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private long EstimateFingerprint(ulong x)
    {
        var min = long.MaxValue;
        for (var j = 0; j < Depth; j++)
        {
            min = Math.Min(min, _counters[Cell(j, x)]);
        }

        return min;
    }

    // ((a x + b) mod p) mod w with the Mersenne-prime reduction (no division by p).
    private int Cell(int row, ulong x)
    {
        var product = ((UInt128)_a[row] * x) + _b[row];
        var r = (ulong)(product & MersennePrime) + (ulong)(product >> 61);
        r = (r & MersennePrime) + (r >> 61);
        if (r >= MersennePrime)
        {
            r -= MersennePrime;
        }

        return (row * Width) + (int)(r % (ulong)Width);
    }
}
