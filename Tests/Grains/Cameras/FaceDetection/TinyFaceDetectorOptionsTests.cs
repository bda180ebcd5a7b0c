using StreamOrleans.Grains.Cameras.FaceDetection;

namespace StreamOrleans.Tests.Grains.Cameras.FaceDetection;

public class TinyFaceDetectorOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(-32)]
    public void Input_size_must_be_a_multiple_of_32(int size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TinyFaceDetectorOptions { InputSize = size });
        Assert.Contains("multiple of 32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Score_threshold_must_be_inside_0_1(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TinyFaceDetectorOptions { ScoreThreshold = threshold });
    }

    [Theory]
    [InlineData(224, 7)]
    [InlineData(320, 10)]
    [InlineData(416, 13)]
    public void The_output_grid_is_input_size_over_32_with_5_anchors_of_5_values(int inputSize, int cells)
    {
        var image = new StreamOrleans.Grains.Cameras.Imaging.JpegCodec().Decode(FaceAssets.DemoPhoto("sample2.jpg"));

        var grid = FaceModels.Detector.Forward(image, inputSize);

        Assert.Equal(25 * cells * cells, grid.Length);
    }
}
