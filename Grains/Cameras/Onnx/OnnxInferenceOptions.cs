namespace StreamOrleans.Grains.Cameras.Onnx;

/// <summary>ONNX Runtime settings of the face models.</summary>
public sealed record OnnxInferenceOptions
{
    private readonly int _intraOpThreads = 1;

    /// <summary>
    /// Threads one model run may use (ONNX Runtime's intra-op pool), 1..64; 0 lets ONNX Runtime pick (one per core).
    /// Default 1: cameras run in parallel with each other, so one thread per run keeps every core busy without
    /// oversubscribing them.
    /// </summary>
    public int IntraOpThreads
    {
        get => _intraOpThreads;
        init => _intraOpThreads = value is >= 0 and <= 64
            ? value
            : throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), value, "IntraOpThreads must be between 0 (ONNX Runtime's choice) and 64.");
    }

    /// <summary>Whether idle intra-op threads spin (lower latency, a busy core while waiting). Default false.</summary>
    public bool AllowSpinning { get; init; }
}
