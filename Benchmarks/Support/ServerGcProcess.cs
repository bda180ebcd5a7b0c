using System.Diagnostics;

namespace StreamOrleans.Benchmarks.Support;

/// <summary>Runs this benchmark program again with server GC (DOTNET_gcServer=1), sharing the console.</summary>
internal static class ServerGcProcess
{
    /// <summary>Starts the same entry assembly with <paramref name="args"/> under server GC; returns its exit code.</summary>
    public static async Task<int> RunSelfAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerGcProcess).Assembly.Location);
        }

        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} with server GC.");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
