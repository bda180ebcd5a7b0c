using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Serialization;

namespace StreamOrleans.Runtime.Streams;

/// <summary>Every implicit subscription, by topic; built at start-up from the grain classes' attributes.</summary>
public sealed class StreamSubscriptionRegistry
{
    private readonly Dictionary<string, List<StreamSubscription>> _byTopic = new(StringComparer.Ordinal);

    public StreamSubscriptionRegistry(GrainClassRegistry grains, GrainSerializer serializer, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(grains);
        foreach (var grain in grains.Classes)
        {
            foreach (var attribute in grain.ClassType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>())
            {
                TopicName.ThrowIfInvalid(attribute.Topic, nameof(attribute.Topic));
                var eventType = attribute.EventType ?? InferEventType(grain.ClassType, attribute.Topic);
                if (!typeof(IStreamSubscriber<>).MakeGenericType(eventType).IsAssignableFrom(grain.ClassType))
                {
                    throw new InvalidOperationException($"{grain.ClassType.Name} subscribes to '{attribute.Topic}' with events of type {eventType.Name} but does not implement IStreamSubscriber<{eventType.Name}>.");
                }

                var create = typeof(StreamSubscriptionRegistry).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(eventType);
                var subscription = (StreamSubscription)create.Invoke(null, [attribute, grain, serializer, services])!;
                grain.Subscriptions.Add(subscription);
                if (!_byTopic.TryGetValue(attribute.Topic, out var list))
                {
                    _byTopic[attribute.Topic] = list = [];
                }

                list.Add(subscription);
            }
        }
    }

    /// <summary>Topics with at least one subscription.</summary>
    public IEnumerable<string> Topics => _byTopic.Keys;

    /// <summary>The subscriptions of <paramref name="topic"/> (empty when none).</summary>
    public IReadOnlyList<StreamSubscription> For(string topic) => _byTopic.TryGetValue(topic, out var list) ? list : [];

    private static Type InferEventType(Type grainClass, string topic)
    {
        var candidates = grainClass.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStreamSubscriber<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToList();
        return candidates.Count == 1
            ? candidates[0]
            : throw new InvalidOperationException($"{grainClass.Name} subscribes to '{topic}' but implements {candidates.Count} IStreamSubscriber<T> interfaces; set EventType on the attribute.");
    }

    private static StreamSubscription Create<TEvent>(ImplicitStreamSubscriptionAttribute attribute, GrainClassInfo grain, GrainSerializer serializer, IServiceProvider services)
    {
        IStreamRouter<TEvent>? router = null;
        if (attribute.Router is { } routerType)
        {
            router = ActivatorUtilities.CreateInstance(services, routerType) as IStreamRouter<TEvent>
                ?? throw new InvalidOperationException($"Router {routerType.Name} of {grain.ClassType.Name} must implement IStreamRouter<{typeof(TEvent).Name}>.");
        }

        if (typeof(TEvent) == typeof(RawEvent))
        {
            return new RawStreamSubscription(attribute.Topic, grain, router as IStreamRouter<RawEvent>);
        }

        return new TypedStreamSubscription<TEvent>(attribute.Topic, grain, serializer.GetTypeInfo<TEvent>(), router);
    }
}
