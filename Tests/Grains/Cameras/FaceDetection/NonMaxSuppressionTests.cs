using StreamOrleans.Grains.Cameras.FaceDetection;

namespace StreamOrleans.Tests.Grains.Cameras.FaceDetection;

public class NonMaxSuppressionTests
{
    [Fact]
    public void Iou_of_two_half_overlapping_squares_is_one_third()
    {
        var a = new FaceBox(0, 0, 2, 2);
        var b = new FaceBox(1, 0, 2, 2);

        Assert.Equal(1.0 / 3, a.IntersectionOverUnion(b), 10);
        Assert.Equal(0, a.IntersectionOverUnion(new FaceBox(5, 5, 1, 1)));
        Assert.Equal(1, a.IntersectionOverUnion(a), 10);
    }

    [Fact]
    public void Keeps_the_best_of_overlapping_boxes_and_separate_boxes()
    {
        FaceBox[] boxes = [new(0, 0, 10, 10), new(1, 1, 10, 10), new(50, 50, 10, 10), new(0, 0, 10, 9)];
        double[] scores = [0.6, 0.9, 0.7, 0.8];

        var kept = NonMaxSuppression.Select(boxes, scores, 0.4);

        // 1 (0.9) suppresses 0 (IoU 0.68) and 3 (IoU ~0.64); 2 is elsewhere.
        Assert.Equal([1, 2], kept);
    }

    [Fact]
    public void Boxes_overlapping_at_or_below_the_threshold_survive()
    {
        FaceBox[] boxes = [new(0, 0, 2, 2), new(1, 0, 2, 2)];

        Assert.Equal([0, 1], NonMaxSuppression.Select(boxes, [0.9, 0.8], 0.34));
        Assert.Equal([0], NonMaxSuppression.Select(boxes, [0.9, 0.8], 0.33));
    }
}
