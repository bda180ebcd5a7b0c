using StreamOrleans.Runtime;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Tests.Runtime.TestGrains;

[ImplicitStreamSubscription("tagged", Router = typeof(TagRouter))]
public sealed class TagGrain([PersistentState("tags")] IPersistentState<TestState> state) : Grain, ITagGrain, IStreamSubscriber<TagsTestEvent>
{
    private readonly List<string> _texts = [];

    public Task OnNextAsync(TagsTestEvent item, StreamEventContext context)
    {
        _texts.Add(item.Text);
        state.State.Count++;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetTextsAsync() => Task.FromResult<IReadOnlyList<string>>([.. _texts]);
}
