extern alias tools;

using System.Net;
using Spectre.Console;
using tools::StreamOrleans.Tools;
using tools::StreamOrleans.Tools.Demo;
using TempDirectory = StreamOrleans.Tests.Support.TempDirectory;

namespace StreamOrleans.Tests.Tools;

/// <summary>
/// `import-faces FOLDER` against a fake API: each JPEG is enrolled under its file name in name order, progress is
/// reported after every photo, refused photos are listed with the API's reason and the run ends with one summary line.
/// </summary>
public sealed class FaceImportCommandTests
{
    [Fact]
    public async Task Reports_progress_per_photo_and_ends_with_a_one_line_summary()
    {
        using var folder = new TempDirectory();
        foreach (var file in new[] { "bad.jpg", "b.jpeg", "a.jpg", "notes.txt" })
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.Path, file), [0xFF, 0xD8, 0xFF]);
        }

        var steps = new List<FaceImportStep>();
        using (var http = new HttpClient(new FakeGallery()) { BaseAddress = new Uri("http://gallery.test/") })
        {
            var (enrolled, total, failures) = await FaceFolderImporter.ImportAsync(http, folder.Path, steps.Add, CancellationToken.None);
            Assert.Equal((2, 3), (enrolled, total));
            Assert.Equal(["bad.jpg: 422 no face found"], failures);
        }

        Assert.Equal(
            [new FaceImportStep(1, 3, "a.jpg", true), new FaceImportStep(2, 3, "b.jpeg", true), new FaceImportStep(3, 3, "bad.jpg", false)],
            steps);

        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 1000; // the summary names the folder: no wrapping at the default 80 columns
        var exitCode = await FaceImportCommand.RunAsync(console, new FakeGallery(), folder.Path, "http://gallery.test", null, CancellationToken.None);

        Assert.Equal(1, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("refused bad.jpg: 422 no face found", lines);
        Assert.Matches($"^Enrolled 2 of 3 photo\\(s\\) from '{System.Text.RegularExpressions.Regex.Escape(folder.Path)}' in [0-9]+\\.[0-9] s; 1 refused\\.$", lines[^1]);
    }

    [Fact]
    public async Task A_missing_folder_is_named_and_exits_with_2()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}");

        Assert.Equal(2, await FaceImportCommand.RunAsync(console, new FakeGallery(), missing, "http://gallery.test", null, CancellationToken.None));
        Assert.Contains($"Folder '{missing}' does not exist.", output.ToString(), StringComparison.Ordinal);
    }

    // POST /api/faces/{name}: refuses "bad" as the API does a photo without a face, enrols the rest.
    private sealed class FakeGallery : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("image/jpeg", request.Content?.Headers.ContentType?.MediaType);
            return Task.FromResult(request.RequestUri!.AbsolutePath == "/api/faces/bad"
                ? new HttpResponseMessage(HttpStatusCode.UnprocessableEntity) { Content = new StringContent("no face found") }
                : new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
