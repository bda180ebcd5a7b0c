namespace StreamOrleans.Tests.Support;

/// <summary>Debian's chromium for the Playwright browser tests (Playwright's own browser download is not used).</summary>
public static class Chromium
{
    /// <summary>Arguments for a headless run on a build machine (ENVIRONMENT.md).</summary>
    public static IReadOnlyList<string> Arguments { get; } =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>The chromium executable on PATH; throws with the set-up step that installs it when there is none.</summary>
    public static string Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(folder, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("chromium is not installed: run scripts/setup.sh (step 60-dashboard installs Debian's chromium).");
    }
}
