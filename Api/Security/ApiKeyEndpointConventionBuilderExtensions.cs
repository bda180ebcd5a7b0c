namespace StreamOrleans.Api.Security;

/// <summary>Puts routes behind the API key.</summary>
public static class ApiKeyEndpointConventionBuilderExtensions
{
    /// <summary>Requires the X-Api-Key header (when Api:ApiKey is set) on every route of the group.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter<ApiKeyEndpointFilter>()
            .WithMetadata(new ApiKeyRequiredMetadata())
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return group;
    }
}
