using System.Net.Http.Json;
using Spectre.Console;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Import;

namespace StreamOrleans.Tools;

/// <summary>
/// `import-interactions FILE [--movielens]`: streams an interaction log (or MovieLens ratings) into topic
/// <c>user-events</c> of a running API in batches, with a progress bar; bad lines are counted and the first few
/// shown with their line numbers.
/// </summary>
internal static class InteractionImportCommand
{
    private const int ShownErrors = 10;

    public static async Task<int> RunAsync(string file, InteractionFileFormat format, string url, string? apiKey, int batchSize, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            AnsiConsole.MarkupLine($"[red]File '{Markup.Escape(file)}' does not exist.[/]");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        long sent = 0, bad = 0;
        var errors = new List<string>();
        try
        {
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    await using var stream = File.OpenRead(file);
                    using var reader = new StreamReader(stream);
                    var task = progress.AddTask(Path.GetFileName(file), maxValue: stream.Length);
                    var batch = new List<UserEvent>(batchSize);
                    foreach (var row in InteractionFileReader.Read(reader, format))
                    {
                        if (row.Event is { } item)
                        {
                            batch.Add(item);
                        }
                        else
                        {
                            bad++;
                            if (errors.Count < ShownErrors)
                            {
                                errors.Add(row.Error!);
                            }
                        }

                        if (batch.Count == batchSize)
                        {
                            sent += await SendAsync(http, batch, cancellationToken);
                            task.Value = stream.Position;
                        }
                    }

                    sent += await SendAsync(http, batch, cancellationToken);
                    task.Value = stream.Length;
                });
        }
        catch (HttpRequestException e)
        {
            AnsiConsole.MarkupLine($"[red]The API refused a batch after {sent:N0} events: {Markup.Escape(e.Message)}[/]");
            return 1;
        }

        foreach (var error in errors)
        {
            AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(error)}");
        }

        AnsiConsole.MarkupLine($"Imported {sent:N0} events into '{UserEvent.Topic}'; {bad:N0} bad line(s) skipped.");
        return 0;
    }

    private static async Task<long> SendAsync(HttpClient http, List<UserEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var body = new { events = batch.Select(e => new { key = e.UserId, value = new { userId = e.UserId, productId = e.ProductId, kind = e.Kind.ToString().ToLowerInvariant(), timestamp = e.Timestamp } }) };
        using var response = await http.PostAsJsonAsync(new Uri($"api/streams/{UserEvent.Topic}/events", UriKind.Relative), body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
