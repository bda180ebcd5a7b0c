using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;

namespace StreamOrleans.Tests.AppHost;

/// <summary>Collects every project resource's console lines while the app host runs (kept for failure reports).</summary>
internal sealed class ResourceLogs
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new();

    public ResourceLogs(ResourceNotificationService notifications, ResourceLoggerService logs)
    {
        _ = Task.Run(async () =>
        {
            await foreach (var update in notifications.WatchAsync())
            {
                if (update.Resource is ProjectResource && _lines.TryAdd(update.ResourceId, new ConcurrentQueue<string>()))
                {
                    var queue = _lines[update.ResourceId];
                    _ = Task.Run(async () =>
                    {
                        await foreach (var batch in logs.WatchAsync(update.ResourceId))
                        {
                            foreach (var line in batch)
                            {
                                queue.Enqueue(line.Content);
                            }
                        }
                    });
                }
            }
        });
    }

    /// <summary>Writes one file per resource instance into <paramref name="folder"/>.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (id, lines) in _lines)
        {
            File.WriteAllLines(Path.Combine(folder, id + ".log"), lines);
        }
    }
}
