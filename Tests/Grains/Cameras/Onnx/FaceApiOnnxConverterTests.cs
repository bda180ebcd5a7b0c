using Google.Protobuf;
using Microsoft.Extensions.Logging;
using StreamOrleans.Grains.Cameras.Onnx.Tfjs;
using StreamOrleans.Grains.Cameras.Onnx;

namespace StreamOrleans.Tests.Grains.Cameras.Onnx;

public class FaceApiOnnxConverterTests
{
    [Fact]
    public void Tfjs_filters_become_out_in_height_width()
    {
        // TF.js [1, 1, in = 2, out = 2] holding 10 * in + out; ONNX wants [out, in, 1, 1].
        float[] tf = [0, 1, 10, 11];

        var onnx = FaceApiOnnxConverter.ToOnnxFilter(tf, 1, 2, 2);

        Assert.Equal([0f, 10f, 1f, 11f], onnx);
    }

    [Fact]
    public void A_graph_of_our_writer_runs_on_onnx_runtime_with_the_expected_values()
    {
        // A 2x2 'same' conv (TF pads the extra row and column at the end) with bias, then leaky ReLU 0.1, on a 1x1x2x2
        // input [1, 2; 3, 4] with the filter [1, 0; 0, -1] (TF.js layout [2, 2, 1, 1]) and bias 0.5:
        // out(0,0) = 1 - 4 + 0.5 = -2.5 -> -0.25; out(0,1) = 2 - 0 + 0.5 = 2.5; out(1,0) = 3 + 0.5; out(1,1) = 4 + 0.5.
        var weights = new WeightMap([new WeightTensor("c/filters", [2, 2, 1, 1], [1, 0, 0, -1]), new WeightTensor("c/bias", [1], [0.5f])]);
        var g = new OnnxGraphBuilder("test");
        g.Input(FaceApiOnnxConverter.InputName, 1, 1, 2, 2);
        var filter = FaceApiOnnxConverter.ToOnnxFilter(weights.Get("c/filters", 2, 2, 1, 1), 2, 1, 1);
        var x = g.Node(
            "Conv",
            [FaceApiOnnxConverter.InputName, g.Initializer("W", [1, 1, 2, 2], filter), g.Initializer("B", [1], weights.Get("c/bias", 1))],
            OnnxGraphBuilder.Ints("kernel_shape", 2, 2), OnnxGraphBuilder.Text("auto_pad", "SAME_UPPER"));
        x = g.Node("LeakyRelu", [x], OnnxGraphBuilder.Float("alpha", 0.1f));
        g.Output(x, FaceApiOnnxConverter.OutputName, 1, 1, 2, 2);
        var path = Path.Combine(Path.GetTempPath(), $"streamorleans-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, g.Build("test", "known-answer graph").ToByteArray());
        try
        {
            using var model = new OnnxModel(path);

            var output = model.Run([1, 2, 3, 4], [1, 1, 2, 2]);

            Assert.Equal([-0.25f, 2.5f, 3.5f, 4.5f], output.Select(v => MathF.Round(v, 5)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Models_are_converted_once_into_the_versioned_cache_with_a_log_line()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"streamorleans-onnx-{Guid.NewGuid():N}");
        var logger = new ListLogger();
        try
        {
            var files = FaceOnnxModelStore.Ensure(FaceAssets.ModelDirectory, directory, logger);
            var written = File.GetLastWriteTimeUtc(files.Recognition);
            var again = FaceOnnxModelStore.Ensure(FaceAssets.ModelDirectory, directory, logger);

            Assert.Equal(files, again);
            Assert.Equal(Path.Combine(directory, $"v{FaceApiOnnxConverter.Version}", "face_recognition.onnx"), files.Recognition);
            Assert.Equal(written, File.GetLastWriteTimeUtc(again.Recognition));
            Assert.Equal(3, logger.Messages.Count);
            Assert.All(logger.Messages, m => Assert.StartsWith("Converted face-api weights ", m, StringComparison.Ordinal));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(files.Detector)!, "*.tmp"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
