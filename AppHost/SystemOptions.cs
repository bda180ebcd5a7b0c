using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace StreamOrleans.AppHost;

/// <summary>
/// What the app host was asked to run, from its command line / configuration (<c>--replicas 2</c>,
/// <c>--state-provider Postgres</c>, ...). Every value is checked; a bad one gives a message naming the option and
/// what it accepts.
/// </summary>
internal sealed record SystemOptions
{
    public int Port { get; private init; } = 5080;

    public int Replicas { get; private init; } = 1;

    public string LogProvider { get; private init; } = "Sqlite";

    public string StateProvider { get; private init; } = "Sqlite";

    public string? Postgres { get; private init; }

    public string? Kafka { get; private init; }

    public bool Demo { get; private init; } = true;

    public int Rate { get; private init; } = 2000;

    public int Keys { get; private init; } = 1000;

    /// <summary>Frames per second each demo camera sends (1 by default: the frames are the demo's main disk cost).</summary>
    public int CameraFps { get; private init; } = 1;

    public string DataDirectory { get; private init; } = ".data";

    /// <summary>Whether a provider needs the PostgreSQL connection.</summary>
    public bool UsesPostgres => LogProvider == "Postgres" || StateProvider == "Postgres";

    /// <summary>One line for the console: providers and clustering.</summary>
    public string Describe() =>
        $"log {LogProvider}, state {StateProvider}, " +
        (Replicas == 1 ? "one silo (localhost clustering)" : $"{Replicas} API + silo replicas in one Orleans cluster (PostgreSQL clustering)");

    /// <summary>The options, or null with <paramref name="errors"/> saying what is wrong.</summary>
    public static SystemOptions? Read(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var options = new SystemOptions
        {
            Port = Int(configuration, "port", 5080, 1, 65535, problems),
            Replicas = Int(configuration, "replicas", 1, 1, 9, problems),
            LogProvider = OneOf(configuration, "log-provider", "Sqlite", ["Sqlite", "Postgres", "Kafka"], problems),
            StateProvider = OneOf(configuration, "state-provider", "Sqlite", ["Sqlite", "Postgres"], problems),
            Postgres = configuration["postgres"] is { Length: > 0 } postgres ? postgres : null,
            Kafka = configuration["kafka"] is { Length: > 0 } kafka ? kafka : null,
            Demo = OneOf(configuration, "demo", "true", ["true", "false"], problems) == "true",
            Rate = Int(configuration, "rate", 2000, 1, 1_000_000, problems),
            Keys = Int(configuration, "keys", 1000, 1, 10_000_000, problems),
            CameraFps = Int(configuration, "camera-fps", 1, 1, 30, problems),
            DataDirectory = configuration["data"] is { Length: > 0 } data ? data : ".data",
        };
        if (options.UsesPostgres && options.Postgres is null)
        {
            problems.Add("--postgres CONNECTION_STRING is required when a provider is Postgres, e.g. \"Host=127.0.0.1;Username=streamorleans;Password=streamorleans;Database=streamorleans\".");
        }

        if (options.LogProvider == "Kafka" && options.Kafka is null)
        {
            problems.Add("--kafka BOOTSTRAP_SERVERS is required with --log-provider Kafka, e.g. localhost:9092.");
        }

        if (options.Replicas > 1 && options.StateProvider != "Postgres")
        {
            problems.Add($"--replicas {options.Replicas} forms one Orleans cluster through PostgreSQL (membership and grain state shared): add --state-provider Postgres --postgres CONNECTION_STRING, or run one replica on the embedded SQLite files.");
        }

        errors = problems;
        return problems.Count == 0 ? options : null;
    }

    private static int Int(IConfiguration configuration, string key, int fallback, int min, int max, List<string> problems)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add($"--{key} '{text}' must be a whole number between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)}.");
            return fallback;
        }

        return value;
    }

    private static string OneOf(IConfiguration configuration, string key, string fallback, string[] accepted, List<string> problems)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (accepted.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) is { } match)
        {
            return match;
        }

        problems.Add($"--{key} '{text}' is not accepted; use one of: {string.Join(", ", accepted)}.");
        return fallback;
    }
}
