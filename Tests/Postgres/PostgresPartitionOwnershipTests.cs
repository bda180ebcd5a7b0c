using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Postgres;
using StreamOrleans.Runtime.Streams.Ownership;
using StreamOrleans.Runtime.Streams.Ownership.Postgres;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Postgres;

public sealed class PostgresPartitionOwnershipTests : IAsyncLifetime
{
    private static readonly TopicPartition[] Partitions = [.. Enumerable.Range(0, 6).Select(p => new TopicPartition("counts", p)), new("posts", 0)];
    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly Changes _changes = new();
    private string _connectionString = null!;

    public async Task InitializeAsync() => _connectionString = await PostgresDatabase.CreateSchemaAsync("own");

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task<(PostgresPartitionOwnership Member, RecordingListener Listener)> JoinAsync(string id, string? connectionString = null)
    {
        var dataSource = new PostgresDataSourceProvider(connectionString ?? _connectionString);
        var member = new PostgresPartitionOwnership(
            dataSource,
            Options.Create(new PartitionOwnershipOptions { MemberId = id, RebalanceInterval = TimeSpan.FromMilliseconds(100) }),
            Options.Create(new StreamingOptions()),
            new MemberAddress { Value = new Uri($"http://{id}.test:8080/") },
            TimeProvider.System,
            NullLogger<PostgresPartitionOwnership>.Instance);
        _disposables.Add(dataSource);
        _disposables.Add(member);
        var listener = new RecordingListener(_changes);
        member.RoundCompleted += _changes.Notify;
        await member.StartAsync(Partitions, listener, CancellationToken.None);
        return (member, listener);
    }

    [Fact]
    public async Task A_lone_member_owns_every_partition_and_a_second_member_takes_half_after_a_revocation()
    {
        var (a, aListener) = await JoinAsync("a");
        Assert.Equal(Partitions.ToHashSet(), a.Owned.ToHashSet());

        var (b, bListener) = await JoinAsync("b");
        await _changes.WaitUntilAsync(() => bListener.Owned.Count is 3 or 4);
        await _changes.WaitUntilAsync(() => aListener.Owned.Count + bListener.Owned.Count == Partitions.Length);

        Assert.Empty(aListener.Owned.Intersect(bListener.Owned));
        Assert.Equal(Partitions.ToHashSet(), aListener.Owned.Union(bListener.Owned).ToHashSet());
        // Every partition b got was first revoked from a (a's revocation finished before b's assignment began).
        Assert.All(bListener.Owned, p => Assert.True(aListener.RevokedAt(p) < bListener.AssignedAt(p), $"{p} assigned to b before a revoked it"));
        var owner = await a.GetOwnerAsync(bListener.Owned.First());
        Assert.Equal(new PartitionOwner("b", new Uri("http://b.test:8080/"), IsLocal: false), owner);
        Assert.True((await a.GetOwnerAsync(aListener.Owned.First()))!.IsLocal);
    }

    [Fact]
    public async Task Deployments_in_two_schemas_of_one_database_never_share_a_lock()
    {
        // Same member id and the same ids inside each schema: only the schema tells their advisory locks apart.
        var (first, _) = await JoinAsync("a");
        var join = JoinAsync("a", await PostgresDatabase.CreateSchemaAsync("own"));

        var (second, _) = await join.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Partitions.ToHashSet(), first.Owned.ToHashSet());
        Assert.Equal(Partitions.ToHashSet(), second.Owned.ToHashSet());
    }

    [Fact]
    public async Task A_graceful_stop_revokes_through_the_listener_and_the_survivor_takes_everything()
    {
        var (a, aListener) = await JoinAsync("a");
        var (_, bListener) = await JoinAsync("b");
        await _changes.WaitUntilAsync(() => bListener.Owned.Count > 0 && aListener.Owned.Count + bListener.Owned.Count == Partitions.Length);

        var handedOver = bListener.Owned.ToList();
        await a.StopAsync(CancellationToken.None);
        Assert.Empty(aListener.Owned);
        Assert.Empty(aListener.Lost);

        await _changes.WaitUntilAsync(() => bListener.Owned.Count == Partitions.Length);
        Assert.All(Partitions.Except(handedOver), p => Assert.True(aListener.RevokedAt(p) < bListener.AssignedAt(p)));
    }

    [Fact]
    public async Task When_a_members_session_dies_it_loses_its_partitions_without_a_revocation_and_all_are_owned_again()
    {
        var (a, aListener) = await JoinAsync("a");
        var (b, bListener) = await JoinAsync("b");
        await _changes.WaitUntilAsync(() => bListener.Owned.Count > 0 && bListener.Owned.Count + aListener.Owned.Count == Partitions.Length);
        var revokedBefore = aListener.RevokedCount;
        var hadA = aListener.Owned.ToList();
        var killedAt = _changes.Next();

        // What a SIGKILL does to the database side: the member's backend goes away with its locks.
        await using (var admin = new NpgsqlConnection(_connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(backend_pid) FROM ownership_members WHERE member_id = 'a'", admin);
            await kill.ExecuteNonQueryAsync();
        }

        // a notices at its next round that its session is gone: it stops consuming what it had (lost, not revoked) and
        // rejoins with a new session; the group converges again with every partition owned once.
        await _changes.WaitUntilAsync(() => aListener.Lost.Count >= hadA.Count);
        await _changes.WaitUntilAsync(() =>
            aListener.Owned.Count + bListener.Owned.Count == Partitions.Length && !aListener.Owned.Intersect(bListener.Owned).Any()
            && hadA.All(p => Math.Min(aListener.AssignedAt(p), bListener.AssignedAt(p)) is var at && at > killedAt && at != long.MaxValue));

        Assert.Equal(hadA.ToHashSet(), aListener.Lost.ToHashSet());
        Assert.Equal(revokedBefore, aListener.RevokedCount);
        Assert.Equal(Partitions.Length, a.Owned.Count + b.Owned.Count);
        Assert.Equal("b", (await a.GetOwnerAsync(bListener.Owned.First()))!.MemberId);
    }

    /// <summary>Wakes waiting tests whenever a listener changed or a member finished a round; numbers the hand-offs.</summary>
    private sealed class Changes
    {
        private readonly ConditionWaiter _waiter = new();
        private long _sequence;

        public long Next() => Interlocked.Increment(ref _sequence);

        public void Notify() => _waiter.Notify();

        public Task WaitUntilAsync(Func<bool> condition) => _waiter.WaitUntilAsync(condition, TimeSpan.FromSeconds(30), "a hand-off");
    }

    /// <summary>Records hand-offs with a sequence number shared by all members, so tests can check their order.</summary>
    private sealed class RecordingListener(Changes changes) : IPartitionAssignmentListener
    {
        private readonly Lock _gate = new();
        private readonly HashSet<TopicPartition> _owned = [];
        private readonly Dictionary<TopicPartition, long> _assignedAt = [];
        private readonly Dictionary<TopicPartition, long> _revokedAt = [];
        private readonly List<TopicPartition> _lost = [];

        public IReadOnlyCollection<TopicPartition> Owned
        {
            get
            {
                lock (_gate)
                {
                    return [.. _owned];
                }
            }
        }

        public IReadOnlyList<TopicPartition> Lost
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lost];
                }
            }
        }

        public int RevokedCount { get; private set; }

        public long AssignedAt(TopicPartition p) => Sequence(_assignedAt, p);

        public long RevokedAt(TopicPartition p) => Sequence(_revokedAt, p);

        public Task OnAssignedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken) =>
            Change(partitions, p => _owned.Add(p), _assignedAt);

        public Task OnRevokedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
        {
            RevokedCount += partitions.Count;
            return Change(partitions, p => _owned.Remove(p), _revokedAt);
        }

        public Task OnLostAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken) =>
            Change(partitions, p => { _owned.Remove(p); _lost.Add(p); }, []);

        private Task Change(IReadOnlyCollection<TopicPartition> partitions, Action<TopicPartition> apply, Dictionary<TopicPartition, long> at)
        {
            lock (_gate)
            {
                foreach (var p in partitions)
                {
                    apply(p);
                    at[p] = changes.Next();
                }
            }

            changes.Notify();
            return Task.CompletedTask;
        }

        private long Sequence(Dictionary<TopicPartition, long> at, TopicPartition p)
        {
            lock (_gate)
            {
                return at.TryGetValue(p, out var s) ? s : long.MaxValue;
            }
        }
    }
}
