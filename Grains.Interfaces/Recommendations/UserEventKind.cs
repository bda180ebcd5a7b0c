using System.Text.Json.Serialization;

namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>What a user did with a product (JSON: "view", "click" or "purchase").</summary>
[Orleans.GenerateSerializer]
public enum UserEventKind
{
    /// <summary>The user saw the product (weight Recommendations:ViewWeight, default 0).</summary>
    [JsonStringEnumMemberName("view")]
    View,

    /// <summary>The user clicked the product (rating weight 1).</summary>
    [JsonStringEnumMemberName("click")]
    Click,

    /// <summary>The user bought the product (rating weight 3).</summary>
    [JsonStringEnumMemberName("purchase")]
    Purchase,
}
