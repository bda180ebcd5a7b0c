using System.CommandLine;

namespace StreamOrleans.AppHost;

/// <summary>
/// The AppHost's provider options: PostgreSQL or Kafka instead of the embedded SQLite log and state. They become the
/// Api's configuration keys (Silo:LogProvider, Silo:StateProvider, ConnectionStrings:Postgres,
/// Streams:Kafka:BootstrapServers), passed as environment variables so connection strings stay off the command line.
/// </summary>
internal static class ProviderSettings
{
    public static readonly Option<string> LogProvider = new("--log-provider")
    {
        Description = "Stream log provider: Sqlite (embedded), Postgres or Kafka.",
        DefaultValueFactory = _ => "Sqlite",
    };

    public static readonly Option<string> StateProvider = new("--state-provider")
    {
        Description = "Grain state provider: Sqlite (embedded) or Postgres.",
        DefaultValueFactory = _ => "Sqlite",
    };

    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Npgsql connection string (required by the Postgres providers), e.g. \"Host=localhost;Database=streamorleans;Username=so;Password=...\".",
    };

    public static readonly Option<string?> Kafka = new("--kafka")
    {
        Description = "Kafka bootstrap servers (required by --log-provider Kafka), e.g. localhost:9092.",
    };

    /// <summary>Adds the options and their cross-checks to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        LogProvider.AcceptOnlyFromAmong("Sqlite", "Postgres", "Kafka");
        StateProvider.AcceptOnlyFromAmong("Sqlite", "Postgres");
        command.Options.Add(LogProvider);
        command.Options.Add(StateProvider);
        command.Options.Add(Postgres);
        command.Options.Add(Kafka);
        command.Validators.Add(r =>
        {
            var usesPostgres = r.GetValue(LogProvider) == "Postgres" || r.GetValue(StateProvider) == "Postgres";
            if (usesPostgres && string.IsNullOrWhiteSpace(r.GetValue(Postgres)))
            {
                r.AddError("--postgres CONNECTION_STRING is required when a provider is Postgres.");
            }

            if (r.GetValue(LogProvider) == "Kafka" && string.IsNullOrWhiteSpace(r.GetValue(Kafka)))
            {
                r.AddError("--kafka BOOTSTRAP_SERVERS is required with --log-provider Kafka.");
            }
        });
    }

    /// <summary>The Api's environment for the chosen providers (empty for the embedded defaults).</summary>
    public static IReadOnlyDictionary<string, string> ToEnvironment(ParseResult result)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var log = result.GetValue(LogProvider)!;
        var state = result.GetValue(StateProvider)!;
        if (log != "Sqlite")
        {
            environment["Silo__LogProvider"] = log;
        }

        if (state != "Sqlite")
        {
            environment["Silo__StateProvider"] = state;
        }

        if (result.GetValue(Postgres) is { Length: > 0 } postgres)
        {
            environment["ConnectionStrings__Postgres"] = postgres;
        }

        if (result.GetValue(Kafka) is { Length: > 0 } kafka)
        {
            environment["Streams__Kafka__BootstrapServers"] = kafka;
        }

        return environment;
    }
}
