using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Tests.Runtime.TestGrains;

/// <summary>Routes a tagged event to one grain per tag (lower-cased).</summary>
public sealed class TagRouter : IStreamRouter<TagsTestEvent>
{
    public void Route(TagsTestEvent item, string recordKey, ICollection<string> grainKeys)
    {
        foreach (var tag in item.Tags)
        {
            grainKeys.Add(tag.ToLowerInvariant());
        }
    }
}
