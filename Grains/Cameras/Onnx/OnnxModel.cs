using Microsoft.ML.OnnxRuntime;

namespace StreamOrleans.Grains.Cameras.Onnx;

/// <summary>
/// One converted face model on an ONNX Runtime CPU session: a float32 input named "input", a float32 output named
/// "output". Thread-safe (ONNX Runtime allows concurrent Run calls on one session).
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private static readonly string[] InputNames = [FaceApiOnnxConverter.InputName];
    private static readonly string[] OutputNames = [FaceApiOnnxConverter.OutputName];

    private readonly InferenceSession _session;

    public OnnxModel(string path, OnnxInferenceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new OnnxInferenceOptions();
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        // Spinning intra-op threads burn a core while they wait for work: on a small shared machine the other grains
        // need it more than inference needs the microseconds it saves.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        _session = new InferenceSession(path, sessionOptions);
        Path = path;
    }

    public string Path { get; }

    /// <summary>Runs the model on <paramref name="input"/> (row-major, of <paramref name="shape"/>) and copies out the output.</summary>
    public float[] Run(float[] input, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(shape);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [value], OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
