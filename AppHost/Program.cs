using System.CommandLine;
using StreamOrleans.AppHost;

var port = new Option<int>("--port") { Description = "HTTP port of the API (loopback only).", DefaultValueFactory = _ => 5080 };
var rate = new Option<int>("--rate") { Description = "Demo counter events per second.", DefaultValueFactory = _ => 2000 };
var keys = new Option<int>("--keys") { Description = "Distinct demo counters.", DefaultValueFactory = _ => 1000 };
var noDemo = new Option<bool>("--no-demo") { Description = "Start the system without demo data." };
var data = new Option<string>("--data") { Description = "Data folder of the embedded providers (relative to the repository).", DefaultValueFactory = _ => ".data" };
var replicas = new Option<int>("--replicas")
{
    Description = "API + silo processes forming one Orleans cluster (HTTP ports --port, --port+1, ...). With --state-provider Postgres they cluster " +
        "through PostgreSQL; otherwise replica 1 is the primary silo (Development clustering) and all share the embedded SQLite files of --data on this machine.",
    DefaultValueFactory = _ => 1,
};
var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port of replica 1 (replica i: --silo-port + i - 1).", DefaultValueFactory = _ => 11111 };
var gatewayPort = new Option<int>("--gateway-port") { Description = "Orleans gateway port of replica 1 (replica i: --gateway-port + i - 1).", DefaultValueFactory = _ => 30000 };
var configuration = new Option<string>("--configuration") { Description = "Build configuration whose output to run.", DefaultValueFactory = _ => "Release" };
port.Validators.Add(r => { if (r.GetValue(port) is < 1 or > 65535) { r.AddError("--port must be between 1 and 65535."); } });
rate.Validators.Add(r => { if (r.GetValue(rate) is < 1 or > 1_000_000) { r.AddError("--rate must be between 1 and 1,000,000 events per second."); } });
replicas.Validators.Add(r => { if (r.GetValue(replicas) is < 1 or > 9) { r.AddError("--replicas must be between 1 and 9."); } });
siloPort.Validators.Add(r => { if (r.GetValue(siloPort) is < 1 or > 65526) { r.AddError("--silo-port must be between 1 and 65526 (nine replicas take nine ports)."); } });
gatewayPort.Validators.Add(r => { if (r.GetValue(gatewayPort) is < 1 or > 65526) { r.AddError("--gateway-port must be between 1 and 65526 (nine replicas take nine ports)."); } });
keys.Validators.Add(r => { if (r.GetValue(keys) is < 1 or > 10_000_000) { r.AddError("--keys must be between 1 and 10,000,000."); } });

var root = new RootCommand("Starts the whole StreamOrleans system locally on embedded defaults, with demo data flowing.")
{
    port, rate, keys, noDemo, data, configuration, replicas, siloPort, gatewayPort,
};
ProviderSettings.AddTo(root);
root.Validators.Add(r =>
{
    var replicaCount = r.GetValue(replicas);
    var silos = (r.GetValue(siloPort), r.GetValue(siloPort) + replicaCount - 1);
    var gateways = (r.GetValue(gatewayPort), r.GetValue(gatewayPort) + replicaCount - 1);
    if (silos.Item1 <= gateways.Item2 && gateways.Item1 <= silos.Item2)
    {
        r.AddError($"--silo-port {silos.Item1}-{silos.Item2} and --gateway-port {gateways.Item1}-{gateways.Item2} overlap; give ranges apart.");
    }
});
root.SetAction((result, cancellationToken) => SystemRunner.RunAsync(
    new AppHostSettings(result.GetValue(port), result.GetValue(rate), result.GetValue(keys), !result.GetValue(noDemo), result.GetValue(data)!, result.GetValue(configuration)!)
    {
        ApiEnvironment = ProviderSettings.ToEnvironment(result),
        Replicas = result.GetValue(replicas),
        SiloPort = result.GetValue(siloPort),
        GatewayPort = result.GetValue(gatewayPort),
    },
    cancellationToken));
var importFolder = new Argument<string>("folder") { Description = "Folder of JPEG photos; each file name (without extension) is the person's name." };
var importUrl = new Option<string>("--url") { Description = "Base address of the running API.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
var importKey = new Option<string?>("--api-key") { Description = "X-Api-Key, when the API requires one." };
var importFaces = new Command("import-faces", "Enrol every JPEG of a folder in the face gallery of a running API.") { importFolder, importUrl, importKey };
importFaces.SetAction((result, cancellationToken) => FaceImportCommand.RunAsync(result.GetValue(importFolder)!, result.GetValue(importUrl)!, result.GetValue(importKey), cancellationToken));
root.Subcommands.Add(importFaces);
var interactionsFile = new Argument<string>("file") { Description = "CSV of userId,productId,kind,timestamp, or MovieLens ratings with --movielens." };
var movieLens = new Option<bool>("--movielens") { Description = "The file is MovieLens ratings (userId,movieId,rating,timestamp or ratings.dat); rating >= 4 is a purchase, lower a click." };
var batch = new Option<int>("--batch") { Description = "Events per request.", DefaultValueFactory = _ => 1000 };
batch.Validators.Add(r => { if (r.GetValue(batch) is < 1 or > 10_000) { r.AddError("--batch must be between 1 and 10,000 (the API's Api:MaxEventsPerBatch)."); } });
var importInteractions = new Command("import-interactions", "Stream an interaction log or MovieLens ratings into topic user-events of a running API.") { interactionsFile, movieLens, importUrl, importKey, batch };
importInteractions.SetAction((result, cancellationToken) => InteractionImportCommand.RunAsync(
    result.GetValue(interactionsFile)!,
    result.GetValue(movieLens) ? StreamOrleans.Grains.Recommendations.Import.InteractionFileFormat.MovieLens : StreamOrleans.Grains.Recommendations.Import.InteractionFileFormat.Interactions,
    result.GetValue(importUrl)!,
    result.GetValue(importKey),
    result.GetValue(batch),
    cancellationToken));
root.Subcommands.Add(importInteractions);

// Ctrl+C / SIGTERM cancel the action; give it time to stop the Api cleanly (in-flight turns finish, grains checkpoint).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
