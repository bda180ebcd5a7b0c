namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// Rounds a double the way JavaScript's <c>parseFloat(x.toFixed(digits))</c> does: on the exact binary value of
/// x (not on x * 10^digits, which can itself round), halves away from zero. The reference rounds its scores like
/// this; Math.Round on the scaled value disagrees in rare near-tie cases.
/// </summary>
internal static class JsDecimalRounding
{
    private static readonly ulong[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    public static double ToFixed(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(digits, PowersOfTen.Length);
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var magnitude = Math.Abs(value);
        var bits = BitConverter.DoubleToUInt64Bits(magnitude);
        var biasedExponent = (int)(bits >> 52);
        var mantissa = bits & ((1UL << 52) - 1);
        if (biasedExponent == 0)
        {
            biasedExponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1UL << 52;
        }

        var shift = 1075 - biasedExponent; // magnitude = mantissa * 2^-shift
        if (shift <= 0)
        {
            return value; // an integer already
        }

        if (shift > 120)
        {
            return value < 0 ? -0.0 : 0.0; // below 2^-67: rounds to zero at any supported precision
        }

        var scale = PowersOfTen[digits];
        var scaled = (UInt128)mantissa * scale;
        var quotient = scaled >> shift;
        var remainder = scaled - (quotient << shift);
        if (remainder >= (UInt128)1 << (shift - 1))
        {
            quotient++;
        }

        var rounded = (double)quotient / scale; // correctly rounded, so equal to parsing the decimal string
        return value < 0 ? -rounded : rounded;
    }
}
