using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using StreamOrleans.Tests.Grains.Cameras;

namespace StreamOrleans.Tests.Api.Cameras;

public sealed class FacesApiTests(CamerasApiFixture api) : IClassFixture<CamerasApiFixture>
{
    private static ByteArrayContent Jpeg(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    private static MultipartFormDataContent Form(params (string FileName, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, bytes) in files)
        {
            form.Add(Jpeg(bytes), "images", fileName);
        }

        return form;
    }

    private async Task<JsonElement> PeopleAsync()
    {
        using var client = api.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/api/faces")).RootElement.GetProperty("people");
    }

    [Fact]
    public async Task Enrol_by_body_and_by_form_then_list_and_remove()
    {
        using var client = api.CreateAuthorizedClient();

        using var single = await client.PostAsync("/api/faces/carol", Jpeg(FaceAssets.DemoPhoto("sample2.jpg")));
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        using var form = Form(("a.jpg", FaceAssets.DemoPhoto("sample2.jpg")), ("b.jpg", FaceAssets.DemoPhoto("sample2.jpg")));
        using var multi = await client.PostAsync("/api/faces/carol", form);
        var body = JsonDocument.Parse(await multi.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, multi.StatusCode);
        Assert.Equal(("carol", 3, 2), (body.GetProperty("name").GetString(), body.GetProperty("samples").GetInt32(), body.GetProperty("added").GetInt32()));
        var carol = Assert.Single((await PeopleAsync()).EnumerateArray(), p => p.GetProperty("name").GetString() == "carol");
        Assert.Equal(3, carol.GetProperty("samples").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/faces/carol")).StatusCode);
        await Problems.AssertProblemAsync(await client.DeleteAsync("/api/faces/carol"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await PeopleAsync()).EnumerateArray(), p => p.GetProperty("name").GetString() == "carol");
    }

    [Fact]
    public async Task Each_refused_image_is_named_with_the_reason_and_nothing_is_stored()
    {
        using var client = api.CreateAuthorizedClient();

        using var crowd = Form(("ok.jpg", FaceAssets.DemoPhoto("sample2.jpg")), ("group.jpg", FaceAssets.DemoPhoto("sample1.jpg")));
        await Problems.AssertInvalidAsync(await client.PostAsync("/api/faces/dave", crowd), "images[1]", "Image 1 ('group.jpg'): 3 faces were found");
        await Problems.AssertInvalidAsync(await client.PostAsync("/api/faces/dave", Jpeg(BadImages.NoFace())), "images[0]", "Image 0 (the body): No face was found");
        await Problems.AssertInvalidAsync(await client.PostAsync("/api/faces/dave", Jpeg(BadImages.Truncated())), "images[0]", "Corrupt or truncated JPEG");
        await Problems.AssertInvalidAsync(await client.PostAsync("/api/faces/dave", Jpeg(BadImages.Oversized())), "images[0]", "over the limit of 3000000 pixels");
        await Problems.AssertInvalidAsync(await client.PostAsync("/api/faces/Unknown", Jpeg(FaceAssets.DemoPhoto("sample2.jpg"))), "name", "reserved");
        using var noFiles = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        await Problems.AssertInvalidAsync(await client.PostAsync("/api/faces/dave", noFiles), "images", "no files");
        await Problems.AssertProblemAsync(await client.PostAsync("/api/faces/dave", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType);
        using var anonymous = api.CreateClient();
        await Problems.AssertProblemAsync(await anonymous.PostAsync("/api/faces/dave", Jpeg(FaceAssets.DemoPhoto("sample2.jpg"))), HttpStatusCode.Unauthorized);

        Assert.DoesNotContain((await PeopleAsync()).EnumerateArray(), p => p.GetProperty("name").GetString() == "dave");
    }
}
