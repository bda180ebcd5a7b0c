using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Tests.Grains.Cameras;

namespace StreamOrleans.Tests.Api.Cameras;

public sealed class CamerasApiTests(CamerasApiFixture api) : IClassFixture<CamerasApiFixture>
{
    private static ByteArrayContent Jpeg(byte[] bytes, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static TheoryData<string> BadImageKinds => [.. BadImages.All().Select(b => b.Kind)];

    [Fact]
    public async Task A_posted_frame_is_analysed_and_served_as_json_and_annotated_jpeg()
    {
        using var client = api.CreateAuthorizedClient();
        using var before = await client.GetAsync("/api/cameras/cam-api/latest");
        await Problems.AssertProblemAsync(before, HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await client.GetAsync("/api/cameras/cam-api/latest.jpg"), HttpStatusCode.NotFound);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cameras/cam-api/frames") { Content = Jpeg(FaceAssets.DemoPhoto("sample2.jpg")) };
        request.Headers.Add("X-Frame-Number", "42");
        request.Headers.Add("X-Capture-Time", "2026-01-31T12:00:00.0000000+00:00");
        using var posted = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var accepted = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("cam-api", accepted.GetProperty("cameraId").GetString());
        await api.WaitUntilCommittedAsync(CameraTopics.Frames);

        var latest = JsonDocument.Parse(await client.GetStringAsync("/api/cameras/cam-api/latest")).RootElement;
        Assert.Equal(42, latest.GetProperty("frameNumber").GetInt64());
        Assert.Equal("2026-01-31T12:00:00+00:00", latest.GetProperty("capturedAt").GetString());
        var face = Assert.Single(latest.GetProperty("faces").EnumerateArray());
        var reference = FaceAssets.Reference("sample2.jpg").AlignedFaces[0].FaceBox;
        var box = face.GetProperty("box");
        var ours = new StreamOrleans.Grains.Cameras.FaceDetection.FaceBox(box.GetProperty("x").GetDouble(), box.GetProperty("y").GetDouble(), box.GetProperty("width").GetDouble(), box.GetProperty("height").GetDouble());
        Assert.True(ours.IntersectionOverUnion(reference) >= 0.9);
        Assert.Equal(JsonValueKind.String, face.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Number, face.GetProperty("confidence").ValueKind);
        var stats = latest.GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("frames").GetInt64());
        Assert.Equal(1, stats.GetProperty("faces").GetInt64());
        Assert.True(stats.GetProperty("stageMs").GetProperty("detect").GetDouble() > 0);

        using var jpeg = await client.GetAsync("/api/cameras/cam-api/latest.jpg");
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType?.MediaType);
        var image = new JpegCodec().Decode(await jpeg.Content.ReadAsByteArrayAsync());
        Assert.Equal((1920, 1367), (image.Width, image.Height));

        var cameras = JsonDocument.Parse(await client.GetStringAsync("/api/cameras")).RootElement.GetProperty("cameras");
        var camera = Assert.Single(cameras.EnumerateArray(), c => c.GetProperty("cameraId").GetString() == "cam-api");
        Assert.Equal(1, camera.GetProperty("frames").GetInt64());
        Assert.Equal(1, camera.GetProperty("faces").GetInt64());
        Assert.Equal(camera.GetProperty("faces").GetInt64(), camera.GetProperty("known").GetInt64() + camera.GetProperty("unknown").GetInt64());
        Assert.Equal(JsonValueKind.Number, camera.GetProperty("fps").ValueKind);
        Assert.Equal(JsonValueKind.String, camera.GetProperty("lastFrameAt").ValueKind);
    }

    [Theory]
    [MemberData(nameof(BadImageKinds))]
    public async Task Bad_images_get_a_problem_naming_the_body_and_nothing_is_appended(string kind)
    {
        var (_, bytes, reason) = BadImages.All().Single(b => b.Kind == kind);
        using var client = api.CreateAuthorizedClient();
        var before = await api.EndOffsetsAsync(CameraTopics.Frames);

        using var response = await client.PostAsync("/api/cameras/cam-bad/frames", Jpeg(bytes));

        await Problems.AssertInvalidAsync(response, "body", reason);
        Assert.Equal(before, await api.EndOffsetsAsync(CameraTopics.Frames));
    }

    [Fact]
    public async Task Wrong_content_type_size_headers_id_and_missing_key_are_refused()
    {
        using var client = api.CreateAuthorizedClient();
        using var anonymous = api.CreateClient();
        var photo = FaceAssets.DemoPhoto("sample2.jpg");
        var before = await api.EndOffsetsAsync(CameraTopics.Frames);

        var png = await Problems.AssertProblemAsync(await client.PostAsync("/api/cameras/c/frames", Jpeg(photo, "image/png")), HttpStatusCode.UnsupportedMediaType);
        var large = await Problems.AssertProblemAsync(await client.PostAsync("/api/cameras/c/frames", Jpeg(new byte[CamerasApiFixture.MaxFrameBytes + 1])), HttpStatusCode.RequestEntityTooLarge);
        await Problems.AssertProblemAsync(await anonymous.PostAsync("/api/cameras/c/frames", Jpeg(photo)), HttpStatusCode.Unauthorized);
        using var badNumber = new HttpRequestMessage(HttpMethod.Post, "/api/cameras/c/frames") { Content = Jpeg(photo) };
        badNumber.Headers.Add("X-Frame-Number", "-3");
        await Problems.AssertInvalidAsync(await client.SendAsync(badNumber), "X-Frame-Number", "'-3' is not a non-negative integer");
        using var badTime = new HttpRequestMessage(HttpMethod.Post, "/api/cameras/c/frames") { Content = Jpeg(photo) };
        badTime.Headers.Add("X-Capture-Time", "yesterday");
        await Problems.AssertInvalidAsync(await client.SendAsync(badTime), "X-Capture-Time", "'yesterday' is not an ISO 8601 time");
        await Problems.AssertInvalidAsync(await client.PostAsync($"/api/cameras/{new string('c', 2000)}/frames", Jpeg(photo)), "id", "");

        Assert.Equal("Content-Type 'image/png' is not accepted; send the body as image/jpeg.", png.GetProperty("detail").GetString());
        Assert.Contains($"at most {CamerasApiFixture.MaxFrameBytes} bytes", large.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await api.EndOffsetsAsync(CameraTopics.Frames));
    }
}
