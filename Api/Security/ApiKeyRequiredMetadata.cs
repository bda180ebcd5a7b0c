namespace StreamOrleans.Api.Security;

/// <summary>Endpoint metadata marking routes behind the API key (read by the OpenAPI document).</summary>
public sealed class ApiKeyRequiredMetadata;
