using Spectre.Console;
using StreamOrleans.Tools.Demo;

namespace StreamOrleans.Tools;

/// <summary>`import-faces FOLDER`: enrols each JPEG of a folder in a running API's face gallery (file name = person's name).</summary>
internal static class FaceImportCommand
{
    public static async Task<int> RunAsync(string folder, string url, string? apiKey, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        try
        {
            var (enrolled, failures) = await FaceFolderImporter.ImportAsync(http, Path.GetFullPath(folder), cancellationToken);
            foreach (var failure in failures)
            {
                AnsiConsole.MarkupLine($"[red]refused[/] {Markup.Escape(failure)}");
            }

            AnsiConsole.MarkupLine($"Enrolled {enrolled} photo(s), {failures.Count} refused.");
            return failures.Count == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or HttpRequestException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }
}
