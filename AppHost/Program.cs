using System.CommandLine;
using StreamOrleans.AppHost;

var port = new Option<int>("--port") { Description = "HTTP port of the API (loopback only).", DefaultValueFactory = _ => 5080 };
var rate = new Option<int>("--rate") { Description = "Demo counter events per second.", DefaultValueFactory = _ => 2000 };
var keys = new Option<int>("--keys") { Description = "Distinct demo counters.", DefaultValueFactory = _ => 1000 };
var noDemo = new Option<bool>("--no-demo") { Description = "Start the system without demo data." };
var data = new Option<string>("--data") { Description = "Data folder of the embedded providers (relative to the repository).", DefaultValueFactory = _ => ".data" };
var configuration = new Option<string>("--configuration") { Description = "Build configuration whose output to run.", DefaultValueFactory = _ => "Release" };
port.Validators.Add(r => { if (r.GetValue(port) is < 1 or > 65535) { r.AddError("--port must be between 1 and 65535."); } });
rate.Validators.Add(r => { if (r.GetValue(rate) is < 1 or > 1_000_000) { r.AddError("--rate must be between 1 and 1,000,000 events per second."); } });
keys.Validators.Add(r => { if (r.GetValue(keys) is < 1 or > 10_000_000) { r.AddError("--keys must be between 1 and 10,000,000."); } });

var root = new RootCommand("Starts the whole StreamOrleans system locally on embedded defaults, with demo data flowing.")
{
    port, rate, keys, noDemo, data, configuration,
};
ProviderSettings.AddTo(root);
root.SetAction((result, cancellationToken) => SystemRunner.RunAsync(
    new AppHostSettings(result.GetValue(port), result.GetValue(rate), result.GetValue(keys), !result.GetValue(noDemo), result.GetValue(data)!, result.GetValue(configuration)!) { ApiEnvironment = ProviderSettings.ToEnvironment(result) },
    cancellationToken));

// Ctrl+C / SIGTERM cancel the action; give it time to stop the Api cleanly (in-flight turns finish, grains checkpoint).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
