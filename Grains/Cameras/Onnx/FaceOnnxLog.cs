using Microsoft.Extensions.Logging;

namespace StreamOrleans.Grains.Cameras.Onnx;

internal static partial class FaceOnnxLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Converted face-api weights {Source} to ONNX {Target} ({Nodes} nodes, {Milliseconds:F0} ms); cached for later starts")]
    public static partial void Converted(ILogger logger, string source, string target, int nodes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Face models loaded on ONNX Runtime (CPU, {IntraOpThreads} intra-op threads) from {Directory}")]
    public static partial void Loaded(ILogger logger, int intraOpThreads, string directory);
}
