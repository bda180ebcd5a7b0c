using System.Diagnostics;
using System.Globalization;

namespace StreamOrleans.Tests.Support;

/// <summary>
/// The Azure Storage emulator (npm azurite 3.37.0, installed into the set-up cache by scripts/setup/60-azurite.sh, run
/// here once if it is missing) as a child process: Blob and Table services (and Queue, which the same process serves) on
/// free loopback ports, its data in memory and a fresh temporary folder as its working directory.
/// <see cref="StartAsync"/> completes when Azurite says every service listens; <see cref="DisposeAsync"/> stops it and
/// deletes the folder. Tests share one through <see cref="AzuriteCollection"/>; the blob crash test, which SIGKILLs its
/// writer eight times, has its own (<see cref="AzuriteCrashCollection"/>).
/// </summary>
/// <remarks>
/// Why in memory (--inMemoryPersistence, not --location): Azurite 3.37.0's file store writes every blob body through a
/// queue of 50 write slots and attaches its listeners to the request body only when the write gets a slot. A client that
/// dies before that (a silo SIGKILLed while its uploads wait in the queue) leaves an already-destroyed request stream,
/// which never emits data, end, close or error again: the write never completes and its slot is lost for good. One
/// SIGKILL of a busy silo lost 20, another all 50 slots (seen in Azurite's debug log), after which every blob write of
/// the instance waited forever.
/// Azure/Azurite pull request 2780 fixes it upstream; 3.37.0 (the newest on npm here) does not have it. The in-memory
/// store reads the body with for-await, which fails at once on a destroyed stream, and has no shared write queue.
/// </remarks>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's version the set-up step installs.</summary>
    public const string Version = "3.37.0";

    // Azurite's built-in development account: documented, public, and accepted by nothing but the emulator.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int Attempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim SetupGate = new(1, 1);

    private readonly ChildProcess _process;
    private readonly TempDirectory _location;

    private Azurite(ChildProcess process, TempDirectory location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _location = location;
        BlobEndpoint = new Uri($"http://127.0.0.1:{blobPort}/{Account}");
        QueueEndpoint = new Uri($"http://127.0.0.1:{queuePort}/{Account}");
        TableEndpoint = new Uri($"http://127.0.0.1:{tablePort}/{Account}");
    }

    /// <summary>The Blob service of the development account (e.g. http://127.0.0.1:PORT/devstoreaccount1).</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The Queue service of the development account.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The Table service of the development account.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A storage connection string for the development account on this instance's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>The process id (tests never need it but a failure message may).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts Azurite and completes once its Blob, Queue and Table services listen. A port taken between choosing and
    /// binding it (another process was quicker) makes Azurite exit at once; it is then started again on other ports.
    /// </summary>
    public static async Task<Azurite> StartAsync()
    {
        var script = await EnsureInstalledAsync();
        var failures = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var location = new TempDirectory();
            var ports = FreePorts.Take(3);
            var process = ChildProcess.Start("node", [
                script,
                "--blobHost", "127.0.0.1", "--blobPort", Port(ports[0]),
                "--queueHost", "127.0.0.1", "--queuePort", Port(ports[1]),
                "--tableHost", "127.0.0.1", "--tablePort", Port(ports[2]),
                // Not --location (Azurite refuses both): see the remarks on this class.
                "--inMemoryPersistence",
                "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                // STREAMORLEANS_AZURITE_DEBUG=file: Azurite's debug log (every request, with timings) for a failure's report.
                .. Environment.GetEnvironmentVariable("STREAMORLEANS_AZURITE_DEBUG") is { Length: > 0 } debug ? ["--debug", debug] : Array.Empty<string>(),
            ], workingDirectory: location.Path);
            var (ready, why) = await WaitUntilListeningAsync(process, ports);
            if (ready)
            {
                return new Azurite(process, location, ports[0], ports[1], ports[2]);
            }

            failures.Add($"attempt {attempt}: {why}");
            await process.DisposeAsync();
            location.Dispose();
        }

        throw new InvalidOperationException($"Azurite {Version} did not start:\n{string.Join("\n", failures)}");
    }

    /// <summary>Stops Azurite (SIGKILL: it holds nothing worth keeping) and deletes its working folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _location.Dispose();
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    // Azurite prints "Azurite <Service> service is successfully listening at http://127.0.0.1:PORT" per service.
    private static async Task<(bool Ready, string Why)> WaitUntilListeningAsync(ChildProcess process, int[] ports)
    {
        var waiting = new HashSet<string>(ports.Select(p => $"http://127.0.0.1:{p}"));
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await foreach (var line in process.Lines.ReadAllAsync(timeout.Token))
            {
                seen.Add(line);
                var at = line.IndexOf("successfully listening at ", StringComparison.Ordinal);
                if (at >= 0 && waiting.Remove(line[(at + "successfully listening at ".Length)..].Trim()) && waiting.Count == 0)
                {
                    return (true, "");
                }
            }

            return (false, $"exited before listening: {string.Join(" | ", seen)} {process.Errors}");
        }
        catch (OperationCanceledException)
        {
            return (false, $"not listening after {StartTimeout.TotalSeconds:0} s: {string.Join(" | ", seen)} {process.Errors}");
        }
    }

    // The package lives in the set-up cache; a fresh machine gets it from the set-up step, as scripts/setup.sh would.
    private static async Task<string> EnsureInstalledAsync()
    {
        var script = Path.Combine(RepositoryPaths.Cache, "npm", $"azurite-{Version}", "node_modules", "azurite", "dist", "src", "azurite.js");
        await SetupGate.WaitAsync();
        try
        {
            if (File.Exists(script))
            {
                return script;
            }

            var step = Path.Combine(RepositoryPaths.Root, "scripts", "setup", "60-azurite.sh");
            var info = new ProcessStartInfo("bash", [step]) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.Environment["STREAMORLEANS_CACHE"] = RepositoryPaths.Cache;
            using var setup = Process.Start(info)!;
            var stdout = setup.StandardOutput.ReadToEndAsync();
            var stderr = setup.StandardError.ReadToEndAsync();
            await setup.WaitForExitAsync();
            if (setup.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"Azurite is not installed at {script} and {step} could not install it:\n{await stdout}{await stderr}");
            }

            return script;
        }
        finally
        {
            SetupGate.Release();
        }
    }
}
