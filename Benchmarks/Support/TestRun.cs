using System.Diagnostics;

namespace StreamOrleans.Benchmarks.Support;

/// <summary>
/// Runs one CI test through `dotnet test` (Release, no build) with settings in environment variables, echoing its
/// output, so a benchmark command and CI run the same code and the same checks at different sizes. The test writes
/// its figures to a report file; <paramref name="onTick"/> runs every 2 s while it runs (to show progress).
/// </summary>
internal static class TestRun
{
    /// <summary>Runs the tests matching <paramref name="filter"/>; returns the exit code of `dotnet test`.</summary>
    public static async Task<int> RunAsync(string repositoryRoot, string filter, IReadOnlyDictionary<string, string> environment, TextWriter log, Action? onTick = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "test", Path.Combine(repositoryRoot, "Tests", "StreamOrleans.Tests.csproj"), "-c", "Release", "--no-build",
                "--filter", filter, "--logger", "console;verbosity=normal",
            },
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet test did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (!process.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            onTick?.Invoke();
        }

        await process.WaitForExitAsync();
        onTick?.Invoke();
        return process.ExitCode;
    }
}
