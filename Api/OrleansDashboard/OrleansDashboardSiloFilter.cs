using Orleans.Runtime;
using StreamOrleans.Api.Http;

namespace StreamOrleans.Api.OrleansDashboard;

/// <summary>
/// Checks the silo address of Orleans' dashboard routes that take one (/orleans/SiloStats/{address},
/// /SiloProperties, /SiloCounters, /SiloMetadata, /HistoricalStats/{path}) against the cluster's active silos. The
/// dashboard parses it itself and answers 500 for one that does not parse or names no live silo (found by the
/// hostile-input fuzzer); this answers 400 naming the field and the silos there are.
/// </summary>
public sealed class OrleansDashboardSiloFilter(IClusterMembershipService membership) : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var (field, value) = SiloAddressOf(context.HttpContext);
        if (field is null)
        {
            return next(context);
        }

        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString())
            .Order(StringComparer.Ordinal)
            .ToList();
        return active.Contains(value ?? "", StringComparer.Ordinal)
            ? next(context)
            : ValueTask.FromResult<object?>(ApiResults.Invalid(
                field,
                $"'{value}' is not an active silo of the cluster; expected one of {string.Join(", ", active)} (IP:port@generation, as /orleans/ClusterStats lists them)."));
    }

    // The route value that names a silo, if the route has one.
    private static (string? Field, string? Value) SiloAddressOf(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        if (pattern?.GetParameter("address") is not null)
        {
            return ("address", context.GetRouteValue("address") as string);
        }

        return pattern?.RawText?.Contains("/HistoricalStats/", StringComparison.Ordinal) == true
            ? ("path", context.GetRouteValue("path") as string)
            : (null, null);
    }
}
