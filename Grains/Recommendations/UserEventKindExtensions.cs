using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>Maps the contract's event kind to the model layer's.</summary>
internal static class UserEventKindExtensions
{
    public static InteractionKind ToModel(this UserEventKind kind) => kind switch
    {
        UserEventKind.View => InteractionKind.View,
        UserEventKind.Click => InteractionKind.Click,
        UserEventKind.Purchase => InteractionKind.Purchase,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };
}
