using System.Reflection;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Which topics no grain class subscribes to implicitly. The provider releases a record only when a consumer cursor
/// confirmed it, so records of a topic nobody consumes would be held until their queues stall: the silo warns at start.
/// </summary>
public static class ImplicitSubscribers
{
    /// <summary>The topics of <paramref name="topics"/> that no <c>[ImplicitStreamSubscription]</c> of <paramref name="grainClasses"/> matches.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<Type> grainClasses, IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(grainClasses);
        ArgumentNullException.ThrowIfNull(topics);
        var predicates = grainClasses
            .SelectMany(type => type.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>(inherit: true))
            .Select(attribute => attribute.Predicate)
            .ToList();
        return [.. topics.Where(topic => !predicates.Any(predicate => predicate.IsMatch(topic)))];
    }
}
