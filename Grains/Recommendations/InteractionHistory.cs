using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;
using StreamOrleans.Streaming.Serialization;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// The model grain's view of topic <c>user-events</c>, rebuilt from the log (Kappa style: the log is the source of
/// truth, so nothing of this is persisted): every valid event as an <see cref="Interaction"/> for training, and
/// time-decayed popularity. Reads each partition from its start, then only what is new.
/// </summary>
internal sealed class InteractionHistory(IStreamLog log, GrainSerializer serializer, TimeSpan popularityHalfLife, FeedbackWeights weights)
{
    private readonly TopicCursor _cursor = new(log, UserEvent.Topic);
    private readonly List<Interaction> _interactions = [];
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly TimeDecayedPopularity _popularity = new(popularityHalfLife, weights);

    /// <summary>Valid events read so far.</summary>
    public int Count => _interactions.Count;

    /// <summary>Records that were not valid user events (they are dead-lettered by the stream consumers too).</summary>
    public long Skipped { get; private set; }

    /// <summary>Reads every partition up to its current end; returns how many events were added.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var before = _interactions.Count;
        await _cursor.ReadNewAsync(Add, cancellationToken);
        return _interactions.Count - before;
    }

    /// <summary>A copy of the events read so far, for a training run off the grain's turn.</summary>
    public Interaction[] Snapshot() => [.. _interactions];

    /// <summary>The <paramref name="count"/> most popular products as of <paramref name="now"/>.</summary>
    public IReadOnlyList<PopularProduct> Popular(int count, DateTimeOffset now) =>
        [.. _popularity.Top(count).Select(id => new PopularProduct(id, _popularity.Score(id, now)))];

    private void Add(LogRecord record)
    {
        if (!EventDecoder.TryDecode<UserEvent>(serializer, record.Value.Span, out var item))
        {
            Skipped++;
            return;
        }

        var interaction = new Interaction(Intern(item.UserId), Intern(item.ProductId), item.Kind.ToModel(), item.Timestamp);
        _interactions.Add(interaction);
        _popularity.Add(interaction);
    }

    private string Intern(string id)
    {
        if (_ids.TryGetValue(id, out var existing))
        {
            return existing;
        }

        _ids.Add(id, id);
        return id;
    }
}
