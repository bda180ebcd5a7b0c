using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using StreamOrleans.Tools.Demo;

namespace StreamOrleans.Tools;

/// <summary>
/// `import-faces FOLDER`: enrols each JPEG of a folder in a running API's face gallery (file name = person's name), with
/// a progress bar per photo; refused photos are listed with the API's reason, then one summary line.
/// </summary>
internal static class FaceImportCommand
{
    public static Task<int> RunAsync(string folder, string url, string? apiKey, CancellationToken cancellationToken) =>
        RunAsync(AnsiConsole.Console, new HttpClientHandler(), folder, url, apiKey, cancellationToken);

    /// <summary>The command on <paramref name="console"/>, its requests through <paramref name="handler"/> (tests use fakes).</summary>
    public static async Task<int> RunAsync(IAnsiConsole console, HttpMessageHandler handler, string folder, string url, string? apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        var path = Path.GetFullPath(folder);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (enrolled, total, failures) = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: 1);
                    var result = await FaceFolderImporter.ImportAsync(http, path, step =>
                    {
                        task.MaxValue = step.Total;
                        task.Value = step.Done;
                        task.Description = Markup.Escape($"{step.Done}/{step.Total} {step.File}");
                    }, cancellationToken);
                    task.Value = task.MaxValue;
                    return result;
                });
            foreach (var failure in failures)
            {
                console.MarkupLine($"[red]refused[/] {Markup.Escape(failure)}");
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            console.MarkupLine(Markup.Escape($"Enrolled {enrolled} of {total} photo(s) from '{path}' in {seconds} s; {failures.Count} refused."));
            return failures.Count == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or HttpRequestException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }
}
