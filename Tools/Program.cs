using System.CommandLine;
using StreamOrleans.Grains.Recommendations.Import;
using StreamOrleans.Tools;

var url = new Option<string>("--url") { Description = "Base address of the running API (default: the address the app host injects, else http://127.0.0.1:5080).", DefaultValueFactory = _ => ApiConnection.DefaultUrl() };
var apiKey = new Option<string?>("--api-key") { Description = "X-Api-Key, when the API requires one (default: $Api__ApiKey).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Api__ApiKey") };
url.Validators.Add(r =>
{
    if (!Uri.TryCreate(r.GetValue(url), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
    {
        r.AddError($"--url '{r.GetValue(url)}' is not an http(s) address, e.g. http://127.0.0.1:5080.");
    }
});

var rate = new Option<int>("--rate") { Description = "Counter events per second.", DefaultValueFactory = _ => 2000 };
var keys = new Option<int>("--keys") { Description = "Distinct counters.", DefaultValueFactory = _ => 1000 };
var cameraFps = new Option<int>("--camera-fps") { Description = "Frames per second each of the three demo cameras sends (1-30).", DefaultValueFactory = _ => 1 };
cameraFps.Validators.Add(r => { if (r.GetValue(cameraFps) is < 1 or > 30) { r.AddError("--camera-fps must be between 1 and 30 frames per second."); } });
rate.Validators.Add(r => { if (r.GetValue(rate) is < 1 or > 1_000_000) { r.AddError("--rate must be between 1 and 1,000,000 events per second."); } });
keys.Validators.Add(r => { if (r.GetValue(keys) is < 1 or > 10_000_000) { r.AddError("--keys must be between 1 and 10,000,000."); } });
var demo = new Command("demo", "Send every feature's demo data (counters, shoppers, posts, camera frames) to a running API until Ctrl+C.") { url, apiKey, rate, keys, cameraFps };
demo.SetAction((result, cancellationToken) => DemoCommand.RunAsync(new DemoSettings(result.GetValue(url)!, result.GetValue(apiKey), result.GetValue(rate), result.GetValue(keys)) { FramesPerSecond = result.GetValue(cameraFps) }, cancellationToken));

var importFolder = new Argument<string>("folder") { Description = "Folder of JPEG photos; each file name (without extension) is the person's name." };
var importFaces = new Command("import-faces", "Enrol every JPEG of a folder in the face gallery of a running API.") { importFolder, url, apiKey };
importFaces.SetAction((result, cancellationToken) => FaceImportCommand.RunAsync(result.GetValue(importFolder)!, result.GetValue(url)!, result.GetValue(apiKey), cancellationToken));

var interactionsFile = new Argument<string>("file") { Description = "CSV of userId,productId,kind,timestamp, or MovieLens ratings with --movielens." };
var movieLens = new Option<bool>("--movielens") { Description = "The file is MovieLens ratings (userId,movieId,rating,timestamp or ratings.dat); rating >= 4 is a purchase, lower a click." };
var batch = new Option<int>("--batch") { Description = "Events per request.", DefaultValueFactory = _ => 1000 };
batch.Validators.Add(r => { if (r.GetValue(batch) is < 1 or > 10_000) { r.AddError("--batch must be between 1 and 10,000 (the API's Api:MaxEventsPerBatch)."); } });
var importInteractions = new Command("import-interactions", "Stream an interaction log or MovieLens ratings into topic user-events of a running API.") { interactionsFile, movieLens, url, apiKey, batch };
importInteractions.SetAction((result, cancellationToken) => InteractionImportCommand.RunAsync(
    result.GetValue(interactionsFile)!,
    result.GetValue(movieLens) ? InteractionFileFormat.MovieLens : InteractionFileFormat.Interactions,
    result.GetValue(url)!,
    result.GetValue(apiKey),
    result.GetValue(batch),
    cancellationToken));

var root = new RootCommand("StreamOrleans tools: the demo data generators and the imports, against a running API.") { demo, importFaces, importInteractions };
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
