using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Landmarks;

namespace StreamOrleans.Tests.Grains.Cameras.Landmarks;

public class FaceLandmarks68Tests
{
    [Fact]
    public void Aligned_box_is_sized_from_eye_to_mouth_distance_and_placed_around_the_feature_centroid()
    {
        // Eyes at (110, 110) and (130, 110), mouth at (120, 140): eye-to-mouth sqrt(10^2 + 30^2) = 31.62 for both eyes,
        // side floor(31.62 / 0.45) = 70; centroid (120, 120); x = floor(120 - 0.5 * 70) = 85, y = floor(120 - 0.43 * 70) = 89.
        var landmarks = Landmarks(leftEye: new(110, 110), rightEye: new(130, 110), mouth: new(120, 140), cropWidth: 200, cropHeight: 200);

        Assert.Equal(new FaceBox(85, 89, 70, 70), landmarks.AlignedBox());
        Assert.Equal(new LandmarkPoint(120, 140), landmarks.MouthCentre);
    }

    [Fact]
    public void Aligned_box_is_clamped_at_the_top_left_of_the_image()
    {
        var landmarks = Landmarks(leftEye: new(10, 10), rightEye: new(30, 10), mouth: new(20, 40), cropWidth: 200, cropHeight: 200);

        Assert.Equal(new FaceBox(0, 0, 70, 70), landmarks.AlignedBox());
    }

    [Fact]
    public void Needs_exactly_68_points()
    {
        Assert.Throws<ArgumentException>(() => new FaceLandmarks68(new LandmarkPoint[67], 10, 10));
    }

    private static FaceLandmarks68 Landmarks(LandmarkPoint leftEye, LandmarkPoint rightEye, LandmarkPoint mouth, int cropWidth, int cropHeight)
    {
        var points = new LandmarkPoint[FaceLandmarks68.Count];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = i switch
            {
                >= 36 and < 42 => leftEye,
                >= 42 and < 48 => rightEye,
                >= 48 => mouth,
                _ => new LandmarkPoint(-1000, -1000), // jaw, brows and nose do not take part in the alignment
            };
        }

        return new FaceLandmarks68(points, cropWidth, cropHeight);
    }
}
