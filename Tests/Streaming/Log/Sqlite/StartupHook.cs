using System.Globalization;
using System.Text;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Sqlite;

#pragma warning disable CA1050 // The runtime finds a startup hook only as a type named StartupHook in the global namespace.

/// <summary>
/// The child process of <c>SqliteStreamLogCrashTests</c>. The test starts <c>dotnet StreamOrleans.Tests.dll</c> with
/// <c>DOTNET_STARTUP_HOOKS</c> naming this assembly, so the runtime calls <see cref="Initialize"/> before the (empty)
/// test-host Main. With <see cref="DatabaseVariable"/> set it appends batches forever, printing one line per
/// acknowledged batch, until the test kills it; without it, it does nothing.
/// </summary>
internal static class StartupHook
{
    /// <summary>Environment variable naming the log file the child appends to.</summary>
    public const string DatabaseVariable = "STREAMORLEANS_SQLITE_CRASH_CHILD_DB";

    /// <summary>Records per batch the child appends.</summary>
    public const int BatchSize = 50;

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(DatabaseVariable) is not { Length: > 0 } path)
        {
            return;
        }

        using var log = new SqliteStreamLog(new SqliteStreamLogOptions { FilePath = path }, TimeProvider.System);
        log.CreateTopicAsync("crash", 4).AsTask().GetAwaiter().GetResult();
        for (long sequence = 0; ; sequence += BatchSize)
        {
            var batch = new StreamRecord[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                var n = (sequence + i).ToString(CultureInfo.InvariantCulture);
                batch[i] = new StreamRecord("key-" + n, Encoding.UTF8.GetBytes(n));
            }

            log.AppendAsync("crash", batch).AsTask().GetAwaiter().GetResult();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acked {sequence + BatchSize - 1}"));
            Console.Out.Flush();
        }
    }
}
