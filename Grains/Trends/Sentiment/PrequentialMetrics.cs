namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// Prequential ("test-then-train") evaluation of an online classifier: each example is scored before the model learns
/// from it, so every prediction is on unseen data (Dawid 1984; Gama, Sebastiao and Rodrigues 2013). Tracks accuracy
/// and macro-F1 over the whole stream and over a sliding window of the last <see cref="WindowSize"/> examples.
/// </summary>
/// <remarks>
/// Macro-F1 is the unweighted mean of per-class F1 = 2TP / (2TP + FP + FN), taken over the classes that occurred as
/// actual or predicted class at least once (a class never seen and never predicted has no defined F1 and is left out).
/// </remarks>
public sealed class PrequentialMetrics
{
    private readonly long[] _confusion;
    private readonly long[] _windowConfusion;
    private readonly byte[] _windowActual;
    private readonly byte[] _windowPredicted;
    private int _windowNext;
    private int _windowFilled;

    /// <summary>Creates empty metrics.</summary>
    /// <param name="classCount">Number of classes (2..255).</param>
    /// <param name="windowSize">Number of most recent examples in the sliding window (at least 1).</param>
    public PrequentialMetrics(int classCount, int windowSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ClassCount = classCount;
        WindowSize = windowSize;
        _confusion = new long[classCount * classCount];
        _windowConfusion = new long[classCount * classCount];
        _windowActual = new byte[windowSize];
        _windowPredicted = new byte[windowSize];
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Length of the sliding window.</summary>
    public int WindowSize { get; }

    /// <summary>Examples seen in total.</summary>
    public long Count { get; private set; }

    /// <summary>Examples currently in the sliding window.</summary>
    public int WindowCount => _windowFilled;

    /// <summary>Fraction of all examples predicted correctly (0 before any example).</summary>
    public double Accuracy => ComputeAccuracy(_confusion);

    /// <summary>Macro-averaged F1 over all examples (0 before any example).</summary>
    public double MacroF1 => ComputeMacroF1(_confusion);

    /// <summary>Accuracy over the sliding window.</summary>
    public double WindowAccuracy => ComputeAccuracy(_windowConfusion);

    /// <summary>Macro-F1 over the sliding window.</summary>
    public double WindowMacroF1 => ComputeMacroF1(_windowConfusion);

    /// <summary>Cumulative count of examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long ConfusionCount(int actual, int predicted)
    {
        CheckClass(actual, nameof(actual));
        CheckClass(predicted, nameof(predicted));
        return _confusion[(actual * ClassCount) + predicted];
    }

    /// <summary>Records one prequential outcome.</summary>
    public void Record(int actual, int predicted)
    {
        CheckClass(actual, nameof(actual));
        CheckClass(predicted, nameof(predicted));
        var cell = (actual * ClassCount) + predicted;
        _confusion[cell]++;
        Count++;

        if (_windowFilled == WindowSize)
        {
            _windowConfusion[(_windowActual[_windowNext] * ClassCount) + _windowPredicted[_windowNext]]--;
        }
        else
        {
            _windowFilled++;
        }

        _windowActual[_windowNext] = (byte)actual;
        _windowPredicted[_windowNext] = (byte)predicted;
        _windowConfusion[cell]++;
        _windowNext = (_windowNext + 1) % WindowSize;
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public PrequentialMetricsState ExportState() => new(
        ClassCount,
        WindowSize,
        (long[])_confusion.Clone(),
        (byte[])_windowActual.Clone(),
        (byte[])_windowPredicted.Clone(),
        _windowNext,
        _windowFilled);

    /// <summary>Rebuilds metrics from a state produced by <see cref="ExportState"/>.</summary>
    public static PrequentialMetrics FromState(PrequentialMetricsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var metrics = new PrequentialMetrics(state.ClassCount, state.WindowSize);
        var cells = state.ClassCount * state.ClassCount;
        if (state.Confusion is null || state.Confusion.Length != cells)
        {
            throw new ArgumentException($"Confusion must hold {cells} counts.", nameof(state));
        }

        if (state.WindowActual is null || state.WindowPredicted is null
            || state.WindowActual.Length != state.WindowSize || state.WindowPredicted.Length != state.WindowSize)
        {
            throw new ArgumentException($"Window buffers must hold {state.WindowSize} entries.", nameof(state));
        }

        if (state.WindowFilled < 0 || state.WindowFilled > state.WindowSize || state.WindowNext < 0 || state.WindowNext >= state.WindowSize)
        {
            throw new ArgumentException("Window position is out of range.", nameof(state));
        }

        state.Confusion.CopyTo(metrics._confusion, 0);
        state.WindowActual.CopyTo(metrics._windowActual, 0);
        state.WindowPredicted.CopyTo(metrics._windowPredicted, 0);
        metrics._windowNext = state.WindowNext;
        metrics._windowFilled = state.WindowFilled;
        metrics.Count = state.Confusion.Sum();

        // The window's slots run backwards from WindowNext; rebuild its confusion counts from them.
        for (var i = 1; i <= state.WindowFilled; i++)
        {
            var slot = (state.WindowNext - i + state.WindowSize) % state.WindowSize;
            var actual = state.WindowActual[slot];
            var predicted = state.WindowPredicted[slot];
            if (actual >= state.ClassCount || predicted >= state.ClassCount)
            {
                throw new ArgumentException("Window holds a class index out of range.", nameof(state));
            }

            metrics._windowConfusion[(actual * state.ClassCount) + predicted]++;
        }

        return metrics;
    }

    private void CheckClass(int value, string name)
    {
        if ((uint)value >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Class index must be in 0..{ClassCount - 1}.");
        }
    }

    private double ComputeAccuracy(long[] confusion)
    {
        long total = 0;
        long correct = 0;
        for (var a = 0; a < ClassCount; a++)
        {
            for (var p = 0; p < ClassCount; p++)
            {
                total += confusion[(a * ClassCount) + p];
            }

            correct += confusion[(a * ClassCount) + a];
        }

        return total == 0 ? 0 : (double)correct / total;
    }

    private double ComputeMacroF1(long[] confusion)
    {
        double sum = 0;
        var classes = 0;
        for (var c = 0; c < ClassCount; c++)
        {
            long actual = 0;
            long predicted = 0;
            for (var k = 0; k < ClassCount; k++)
            {
                actual += confusion[(c * ClassCount) + k];
                predicted += confusion[(k * ClassCount) + c];
            }

            if (actual + predicted == 0)
            {
                continue;
            }

            var tp = confusion[(c * ClassCount) + c];
            sum += 2.0 * tp / (actual + predicted);
            classes++;
        }

        return classes == 0 ? 0 : sum / classes;
    }
}
