using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Recognition;

namespace StreamOrleans.Tests.Cameras.Recognition;

public class CropRegionTests
{
    [Fact]
    public void Box_is_clipped_to_the_image_then_each_component_floored_like_face_api()
    {
        // x clipped to 0, width min(39.5 - 0, 30) = 30; y 5.7, height min(25.7 - 5.7, 20 - 5.7) = 14.3 -> floors 5 and 14.
        var region = FaceRecognitionNet.CropRegion(new FaceBox(-10.5, 5.7, 50, 20), 30, 20);

        Assert.Equal(new PixelRegion(0, 5, 30, 14), region);
    }

    [Fact]
    public void Box_outside_the_image_has_no_crop()
    {
        Assert.Null(FaceRecognitionNet.CropRegion(new FaceBox(40, 0, 10, 10), 30, 20));
        Assert.Null(FaceRecognitionNet.CropRegion(new FaceBox(-20, -20, 10, 10), 30, 20));
    }

    [Fact]
    public void Image_crop_copies_the_rows_of_the_rectangle()
    {
        var image = new RgbImage(3, 2, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);

        var crop = image.Crop(1, 1, 2, 1);

        Assert.Equal([12, 13, 14, 15, 16, 17], crop.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(2, 0, 2, 1));
    }
}
