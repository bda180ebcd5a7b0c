using Orleans;

namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A user's interactions and recommendations; fed by topic <c>user-events</c> (key: user id).</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// The user's <paramref name="count"/> best products from the current model with the user's vector folded in from
    /// every event so far (purchased products excluded unless configured otherwise), or time-decayed popular products
    /// for a user the model cannot place yet.
    /// </summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<UserRecommendations> GetRecommendationsAsync(int count);

    /// <summary>The interactions applied so far.</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<UserProfile> GetProfileAsync();
}
