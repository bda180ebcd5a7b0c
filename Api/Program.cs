using StreamOrleans.Api;
using StreamOrleans.Api.OrleansDashboard;
using StreamOrleans.Silo;

// The HTTP API, co-hosting the silo (grains and stream consumption) in the same process.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStreamOrleansSilo();
builder.AddOrleansDashboard();
builder.Services.AddStreamOrleansApi(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapStreamOrleansApi();

app.Run();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
