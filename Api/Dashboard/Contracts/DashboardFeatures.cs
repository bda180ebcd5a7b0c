namespace StreamOrleans.Api.Dashboard.Contracts;

/// <summary>
/// Which feature routes this API serves, so the page only queries those that exist (features arrive with their
/// grains; a panel without its routes says "feature not available").
/// </summary>
/// <param name="Trends">GET /api/trends and /api/topics/{topic}.</param>
/// <param name="Recommendations">GET /api/users/{id}/recommendations.</param>
/// <param name="PopularProducts">GET /api/products/popular.</param>
/// <param name="Cameras">GET /api/cameras and /api/cameras/{id}/latest(.jpg).</param>
public sealed record DashboardFeatures(bool Trends, bool Recommendations, bool PopularProducts, bool Cameras);
