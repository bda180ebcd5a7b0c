namespace StreamOrleans.Tests.Api;

/// <summary>The shared API host of <see cref="ApiCollection"/>: API key set, small limits.</summary>
public sealed class ApiHostFixture() : ApiFactory(settings: null, configureServices: null);
