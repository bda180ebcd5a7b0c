namespace StreamOrleans.Grains.Cameras.FaceDetection;

/// <summary>Settings of <see cref="TinyFaceDetector"/>; defaults are face-api's (416, 0.5, 0.4).</summary>
public sealed record TinyFaceDetectorOptions
{
    private readonly int _inputSize = 416;
    private readonly double _scoreThreshold = 0.5;
    private readonly double _iouThreshold = 0.4;

    /// <summary>Side of the square network input; a multiple of 32 (e.g. 128, 160, 224, 320, 416, 512, 608).</summary>
    public int InputSize
    {
        get => _inputSize;
        init => _inputSize = value >= 32 && value % 32 == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(InputSize), value, "InputSize must be a positive multiple of 32 (e.g. 224, 320, 416).");
    }

    /// <summary>Boxes with a score at or below this are dropped; in (0, 1).</summary>
    public double ScoreThreshold
    {
        get => _scoreThreshold;
        init => _scoreThreshold = value is > 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ScoreThreshold), value, "ScoreThreshold must be in (0, 1).");
    }

    /// <summary>Non-maximum suppression drops boxes overlapping a better one by more than this IoU; in (0, 1].</summary>
    public double IouThreshold
    {
        get => _iouThreshold;
        init => _iouThreshold = value is > 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(IouThreshold), value, "IouThreshold must be in (0, 1].");
    }
}
