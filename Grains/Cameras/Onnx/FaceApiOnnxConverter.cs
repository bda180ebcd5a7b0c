using StreamOrleans.Grains.Cameras.Onnx.Tfjs;
using StreamOrleans.Grains.Cameras.Onnx.Proto;
using static StreamOrleans.Grains.Cameras.Onnx.OnnxGraphBuilder;

namespace StreamOrleans.Grains.Cameras.Onnx;

/// <summary>
/// Our converter of face-api 1.7.15's TF.js weights (manifest + .bin) to ONNX graphs (opset 17, NCHW float32), written
/// from face-api's model definitions (TinyYolov2 / TinyFaceDetector, FaceLandmark68TinyNet over TinyFaceFeatureExtractor,
/// FaceRecognitionNet). TF.js filters [kh, kw, in, out] become ONNX [out, in, kh, kw]; TensorFlow 'same' padding is
/// ONNX auto_pad SAME_UPPER (the extra pixel at the end, as TF does); dlib's scale layers (batch norm for inference)
/// are folded into the preceding convolution. The graphs take the preprocessed input (padded square, resized,
/// (value - mean) / 255, planar RGB) and a dynamic batch; the post-processing (anchor decoding, NMS, landmark mapping)
/// stays in C#.
/// </summary>
internal static class FaceApiOnnxConverter
{
    /// <summary>Bumped whenever the graphs change, so cached files of an older converter are rebuilt.</summary>
    public const int Version = 1;

    public const string DetectorManifest = "tiny_face_detector_model-weights_manifest.json";
    public const string LandmarksManifest = "face_landmark_68_tiny_model-weights_manifest.json";
    public const string RecognitionManifest = "face_recognition_model-weights_manifest.json";

    /// <summary>File names of the converted models (inside the versioned cache folder).</summary>
    public const string DetectorFile = "tiny_face_detector.onnx";
    public const string LandmarksFile = "face_landmark_68_tiny.onnx";
    public const string RecognitionFile = "face_recognition.onnx";

    /// <summary>Input and output names of every converted graph.</summary>
    public const string InputName = "input";
    public const string OutputName = "output";

    private const float DetectorLeakyAlpha = 0.1f;

    /// <summary>
    /// Tiny Face Detector: conv0 3x3 'valid' + leaky ReLU(0.1); 5 x [max-pool 2/2 'same', separable conv + leaky];
    /// max-pool 2/1 'same'; 1x1 conv to 5 anchors x 5 values. Input [N, 3, S, S] (S a multiple of 32), output
    /// [N, 25, S/32, S/32].
    /// </summary>
    public static ModelProto TinyFaceDetector(WeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var g = new OnnxGraphBuilder("tiny_face_detector");
        g.Input(InputName, "batch", 3, "height", "width");
        var x = LeakyRelu(g, Conv(g, weights, "conv0", InputName, 3, 3, 16, 1, same: false), DetectorLeakyAlpha);
        int[] channels = [16, 32, 64, 128, 256, 512];
        for (var i = 1; i <= 5; i++)
        {
            x = MaxPool(g, x, 2, 2);
            x = LeakyRelu(g, SeparableConv(g, weights, $"conv{i}", x, channels[i - 1], channels[i], 1), DetectorLeakyAlpha);
        }

        x = MaxPool(g, x, 2, 1);
        x = Conv(g, weights, "conv8", x, 1, 512, 25, 1, same: false);
        g.Output(x, OutputName, "batch", 25, "grid_height", "grid_width");
        return g.Build(Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "face-api tiny_face_detector_model");
    }

    /// <summary>
    /// Tiny 68-point landmark net: three dense blocks (32, 64, 128 channels, each halving the size), 14x14 average pool,
    /// fully connected 128 -> 136. Input [N, 3, 112, 112], output [N, 136]: (x, y) pairs relative to the input.
    /// </summary>
    public static ModelProto FaceLandmark68Tiny(WeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var g = new OnnxGraphBuilder("face_landmark_68_tiny");
        g.Input(InputName, "batch", 3, 112, 112);
        var x = DenseBlock(g, weights, "dense0", InputName, 3, 32, isFirst: true);
        x = DenseBlock(g, weights, "dense1", x, 32, 64, isFirst: false);
        x = DenseBlock(g, weights, "dense2", x, 64, 128, isFirst: false);
        x = g.Node("AveragePool", [x], Ints("kernel_shape", 14, 14), Ints("strides", 2, 2));
        x = g.Node("Flatten", [x], Int("axis", 1));
        var fcWeights = weights.Get("fc/weights", 128, 136);
        var fcBias = weights.Get("fc/bias", 136);
        x = g.Node("Gemm", [x, g.Initializer("fc/weights", [128, 136], fcWeights), g.Initializer("fc/bias", [136], fcBias)]);
        g.Output(x, OutputName, "batch", 136);
        return g.Build(Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "face-api face_landmark_68_tiny_model");
    }

    /// <summary>
    /// The face recognition ResNet: conv 7x7/2 + scale + ReLU, max-pool 3/2, 14 residual blocks (32, 64, 128, 256
    /// filters), global average pool, 256 x 128 matrix. Input [N, 3, 150, 150], output [N, 128].
    /// </summary>
    public static ModelProto FaceRecognition(WeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var g = new OnnxGraphBuilder("face_recognition");
        g.Input(InputName, "batch", 3, 150, 150);
        var x = g.Node("Relu", [ScaledConv(g, weights, "conv32_down", InputName, 7, 3, 32, 2, same: false)]);
        var size = ((150 - 7) / 2) + 1;
        x = g.Node("MaxPool", [x], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2));
        size = ((size - 3) / 2) + 1;
        (string Prefix, int In, int Out, bool Down)[] blocks =
        [
            ("conv32_1", 32, 32, false), ("conv32_2", 32, 32, false), ("conv32_3", 32, 32, false),
            ("conv64_down", 32, 64, true), ("conv64_1", 64, 64, false), ("conv64_2", 64, 64, false), ("conv64_3", 64, 64, false),
            ("conv128_down", 64, 128, true), ("conv128_1", 128, 128, false), ("conv128_2", 128, 128, false),
            ("conv256_down", 128, 256, true), ("conv256_1", 256, 256, false), ("conv256_2", 256, 256, false),
            ("conv256_down_out", 256, 256, true),
        ];
        foreach (var (prefix, inChannels, outChannels, down) in blocks)
        {
            (x, size) = ResidualBlock(g, weights, prefix, x, size, inChannels, outChannels, down);
        }

        x = g.Node("GlobalAveragePool", [x]);
        x = g.Node("Flatten", [x], Int("axis", 1));
        x = g.Node("MatMul", [x, g.Initializer("fc", [256, 128], weights.Get("fc", 256, 128))]);
        g.Output(x, OutputName, "batch", 128);
        return g.Build(Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "face-api face_recognition_model");
    }

    // out1 = relu(first conv, stride 2); out2 = sep(out1); out3 = sep(relu(out1 + out2)); relu(out1 + out2 + out3).
    private static string DenseBlock(OnnxGraphBuilder g, WeightMap w, string prefix, string input, int inChannels, int outChannels, bool isFirst)
    {
        var first = isFirst
            ? Conv(g, w, $"{prefix}/conv0", input, 3, inChannels, outChannels, 2, same: true)
            : SeparableConv(g, w, $"{prefix}/conv0", input, inChannels, outChannels, 2);
        var out1 = g.Node("Relu", [first]);
        var out2 = SeparableConv(g, w, $"{prefix}/conv1", out1, outChannels, outChannels, 1);
        var sum = g.Node("Add", [out1, out2]);
        var out3 = SeparableConv(g, w, $"{prefix}/conv2", g.Node("Relu", [sum]), outChannels, outChannels, 1);
        return g.Node("Relu", [g.Node("Add", [sum, out3])]);
    }

    // conv3x3 + scale + ReLU, conv3x3 + scale, + shortcut, ReLU. A down block: first conv stride 2 'valid', shortcut
    // 2x2/2 average pool zero-extended in channels, conv path zero-extended at the bottom/right when one smaller.
    private static (string Output, int Size) ResidualBlock(
        OnnxGraphBuilder g, WeightMap w, string prefix, string input, int size, int inChannels, int outChannels, bool down)
    {
        var x = g.Node("Relu", [ScaledConv(g, w, $"{prefix}/conv1", input, 3, inChannels, outChannels, down ? 2 : 1, same: !down)]);
        x = ScaledConv(g, w, $"{prefix}/conv2", x, 3, outChannels, outChannels, 1, same: true);
        var shortcut = input;
        var outSize = size;
        if (down)
        {
            var convSize = ((size - 3) / 2) + 1;
            outSize = ((size - 2) / 2) + 1;
            shortcut = g.Node("AveragePool", [input], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
            if (convSize < outSize)
            {
                var grow = outSize - convSize;
                x = g.Node("Pad", [x, g.Int64Initializer($"{prefix}/pad_space", 0, 0, 0, 0, 0, 0, grow, grow)]);
            }

            if (outChannels > inChannels)
            {
                shortcut = g.Node("Pad", [shortcut, g.Int64Initializer($"{prefix}/pad_channels", 0, 0, 0, 0, 0, outChannels - inChannels, 0, 0)]);
            }
        }

        return (g.Node("Relu", [g.Node("Add", [x, shortcut])]), outSize);
    }

    private static string Conv(OnnxGraphBuilder g, WeightMap w, string prefix, string input, int kernel, int inChannels, int outChannels, int stride, bool same)
    {
        var filter = ToOnnxFilter(w.Get($"{prefix}/filters", kernel, kernel, inChannels, outChannels), kernel, inChannels, outChannels);
        var bias = w.Get($"{prefix}/bias", outChannels);
        return ConvNode(g, prefix, input, filter, bias, kernel, inChannels, outChannels, stride, same, group: 1);
    }

    // A conv whose output goes through a per-channel y = x * scale + offset: folded into filter and bias.
    private static string ScaledConv(OnnxGraphBuilder g, WeightMap w, string prefix, string input, int kernel, int inChannels, int outChannels, int stride, bool same)
    {
        var filter = ToOnnxFilter(w.Get($"{prefix}/conv/filters", kernel, kernel, inChannels, outChannels), kernel, inChannels, outChannels);
        var bias = (float[])w.Get($"{prefix}/conv/bias", outChannels).Clone();
        var scale = w.Get($"{prefix}/scale/weights", outChannels);
        var offset = w.Get($"{prefix}/scale/biases", outChannels);
        var perFilter = kernel * kernel * inChannels;
        for (var o = 0; o < outChannels; o++)
        {
            for (var i = 0; i < perFilter; i++)
            {
                filter[(o * perFilter) + i] *= scale[o];
            }

            bias[o] = (bias[o] * scale[o]) + offset[o];
        }

        return ConvNode(g, prefix, input, filter, bias, kernel, inChannels, outChannels, stride, same, group: 1);
    }

    // tf.separableConv2d + bias: depthwise 3x3 'same' (stride), then 1x1 pointwise with the bias.
    private static string SeparableConv(OnnxGraphBuilder g, WeightMap w, string prefix, string input, int inChannels, int outChannels, int stride)
    {
        var depthwise = w.Get($"{prefix}/depthwise_filter", 3, 3, inChannels, 1);
        var depthwiseOnnx = new float[depthwise.Length];
        for (var c = 0; c < inChannels; c++)
        {
            for (var k = 0; k < 9; k++)
            {
                depthwiseOnnx[(c * 9) + k] = depthwise[(k * inChannels) + c];
            }
        }

        var x = g.Node(
            "Conv",
            [input, g.Initializer($"{prefix}/depthwise_filter", [inChannels, 1, 3, 3], depthwiseOnnx)],
            Ints("kernel_shape", 3, 3), Ints("strides", stride, stride), Int("group", inChannels), Text("auto_pad", "SAME_UPPER"));
        var pointwise = ToOnnxFilter(w.Get($"{prefix}/pointwise_filter", 1, 1, inChannels, outChannels), 1, inChannels, outChannels);
        return ConvNode(g, $"{prefix}/pointwise", x, pointwise, w.Get($"{prefix}/bias", outChannels), 1, inChannels, outChannels, 1, same: false, group: 1);
    }

    private static string ConvNode(
        OnnxGraphBuilder g, string prefix, string input, float[] filter, float[] bias, int kernel, int inChannels, int outChannels, int stride, bool same, int group) =>
        g.Node(
            "Conv",
            [input, g.Initializer($"{prefix}/W", [outChannels, inChannels / group, kernel, kernel], filter), g.Initializer($"{prefix}/B", [outChannels], bias)],
            Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Int("group", group), Text("auto_pad", same ? "SAME_UPPER" : "VALID"));

    private static string MaxPool(OnnxGraphBuilder g, string input, int size, int stride) =>
        g.Node("MaxPool", [input], Ints("kernel_shape", size, size), Ints("strides", stride, stride), Text("auto_pad", "SAME_UPPER"));

    private static string LeakyRelu(OnnxGraphBuilder g, string input, float alpha) => g.Node("LeakyRelu", [input], Float("alpha", alpha));

    /// <summary>TF.js [kh, kw, in, out] to ONNX [out, in, kh, kw].</summary>
    internal static float[] ToOnnxFilter(float[] tf, int kernel, int inChannels, int outChannels)
    {
        var onnx = new float[tf.Length];
        for (var y = 0; y < kernel; y++)
        {
            for (var x = 0; x < kernel; x++)
            {
                for (var i = 0; i < inChannels; i++)
                {
                    for (var o = 0; o < outChannels; o++)
                    {
                        onnx[(((((o * inChannels) + i) * kernel) + y) * kernel) + x] = tf[(((((y * kernel) + x) * inChannels) + i) * outChannels) + o];
                    }
                }
            }
        }

        return onnx;
    }
}
