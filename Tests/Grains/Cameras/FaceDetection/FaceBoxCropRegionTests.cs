using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.FaceDetection;

public class FaceBoxCropRegionTests
{
    [Fact]
    public void Box_is_clipped_to_the_image_then_each_component_floored_like_face_api()
    {
        // x clipped to 0, width min(39.5 - 0, 30) = 30; y 5.7, height min(25.7 - 5.7, 20 - 5.7) = 14.3 -> floors 5 and 14.
        var region = new FaceBox(-10.5, 5.7, 50, 20).CropRegion(30, 20);

        Assert.Equal(new PixelRegion(0, 5, 30, 14), region);
    }

    [Fact]
    public void Box_outside_the_image_has_no_crop()
    {
        Assert.Null(new FaceBox(40, 0, 10, 10).CropRegion(30, 20));
        Assert.Null(new FaceBox(-20, -20, 10, 10).CropRegion(30, 20));
    }
}
