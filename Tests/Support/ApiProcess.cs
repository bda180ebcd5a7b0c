namespace StreamOrleans.Tests.Support;

/// <summary>
/// Starts a built or published Api (silo co-hosted) as a child process on a free loopback port (Kestrel picks it:
/// --urls http://127.0.0.1:0) and reads the address from its "Now listening on:" line.
/// </summary>
public static class ApiProcess
{
    /// <summary>Starts <paramref name="assembly"/> and returns it with its base address once Kestrel listens.</summary>
    public static async Task<(ChildProcess Process, Uri BaseAddress)> StartAsync(string assembly, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var process = ChildProcess.StartDotnet(assembly, ["--urls=http://127.0.0.1:0", .. arguments], environment);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (var line in process.Lines.ReadAllAsync(timeout.Token))
            {
                var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
                if (at >= 0)
                {
                    return (process, new Uri(line[(at + "Now listening on: ".Length)..].Trim() + "/"));
                }
            }

            throw new InvalidOperationException($"The Api exited before listening: {process.Errors}");
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> processes at once (arguments per index). When one fails to start, the ones that
    /// did are killed before the error is rethrown, so a failed test leaves no process behind.
    /// </summary>
    public static async Task<(ChildProcess Process, Uri BaseAddress)[]> StartAllAsync(string assembly, int count, Func<int, IEnumerable<string>> arguments)
    {
        var starts = Enumerable.Range(0, count).Select(i => StartAsync(assembly, arguments(i))).ToArray();
        try
        {
            return await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.Process.DisposeAsync();
            }

            throw;
        }
    }
}
