using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Postgres;

namespace StreamOrleans.Runtime.Streams.Ownership.Postgres;

/// <summary>
/// Partition ownership among replicas through PostgreSQL session-level advisory locks.
/// </summary>
/// <remarks>
/// Each member keeps one dedicated connection (its session) and holds on it a member lock and one lock per owned
/// partition. Locks are released by PostgreSQL as soon as the session ends, so when a replica is killed its partitions
/// are free at once (the kernel closes its socket, the backend exits) and no lease has to expire.
/// Every <see cref="PartitionOwnershipOptions.RebalanceInterval"/> a member:
/// <list type="number">
/// <item>lists the live members (rows of <c>ownership_members</c> whose member lock is held by their session);</item>
/// <item>computes the desired assignment: partitions sorted by (topic, partition), i-th to the (i mod n)-th member by id;</item>
/// <item>revokes what it owns but should not (the listener checkpoints and deactivates), then unlocks it;</item>
/// <item>tries to lock what it should own but does not; a lock still held by the previous owner is retried next round.</item>
/// </list>
/// A partition is never consumed by two members: consuming requires its lock, and a member unlocks only after its
/// revocation completed. Grain-state writes are also fenced by their ETags.
/// </remarks>
public sealed class PostgresPartitionOwnership : IPartitionOwnership
{

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS ownership_members (
            lock_id SERIAL PRIMARY KEY,
            group_name TEXT NOT NULL,
            member_id TEXT NOT NULL,
            backend_pid INT NOT NULL,
            address TEXT,
            joined_at BIGINT NOT NULL,
            heartbeat_at BIGINT NOT NULL,
            UNIQUE (group_name, member_id));
        CREATE TABLE IF NOT EXISTS ownership_units (
            unit_id SERIAL PRIMARY KEY,
            group_name TEXT NOT NULL,
            topic TEXT NOT NULL,
            partition INT NOT NULL,
            UNIQUE (group_name, topic, partition))
        """,
    ];

    // A member is live while its session holds its member lock.
    private static readonly string LiveCondition = $"""
        EXISTS (SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid = @memberSpace::oid AND l.objid = m.lock_id::oid AND l.objsubid = 2 AND l.pid = m.backend_pid)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PartitionOwnershipOptions _options;
    private readonly string _group;
    private readonly MemberAddress _address;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgresPartitionOwnership> _logger;
    private readonly Dictionary<TopicPartition, int> _unitIds = [];
    private readonly HashSet<TopicPartition> _owned = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TopicPartition, (PartitionOwner? Owner, long At)> _owners = new();
    private readonly Lazy<Task> _schema;
    private (int Members, int Partitions)? _lockSpaces;
    private volatile TopicPartition[] _ownedSnapshot = [];
    private IPartitionAssignmentListener? _listener;
    private NpgsqlConnection? _session;
    private int _lockId;
    private Task? _loop;

    public PostgresPartitionOwnership(
        PostgresDataSourceProvider dataSource,
        IOptions<PartitionOwnershipOptions> options,
        IOptions<StreamingOptions> streaming,
        MemberAddress address,
        TimeProvider timeProvider,
        ILogger<PostgresPartitionOwnership> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(streaming);
        _dataSource = dataSource.DataSource;
        _options = options.Value;
        _group = streaming.Value.ConsumerGroup;
        _address = address;
        _timeProvider = timeProvider;
        _logger = logger;
        MemberId = _options.MemberId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        if (_options.AdvertisedAddress is { } advertised)
        {
            _address.Value = advertised;
        }

        _schema = new Lazy<Task>(() => PostgresSchema.EnsureAsync(_dataSource, "ownership", Migrations));
    }

    public string MemberId { get; }

    public IReadOnlyCollection<TopicPartition> Owned => _ownedSnapshot;

    /// <summary>Completes each time a rebalance round has finished (for tests and tools that follow hand-overs).</summary>
    public event Action? RoundCompleted;

    public async Task StartAsync(IReadOnlyCollection<TopicPartition> partitions, IPartitionAssignmentListener listener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        _listener = listener ?? throw new ArgumentNullException(nameof(listener));
        await _schema.Value;
        await RegisterUnitsAsync(partitions, cancellationToken);
        await JoinAsync(cancellationToken);
        await RebalanceAsync(cancellationToken);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        if (_owned.Count > 0 && _listener is not null)
        {
            var owned = _owned.ToList();
            await _listener.OnRevokedAsync(owned, cancellationToken);
            await UnlockAsync(owned, cancellationToken);
        }

        if (_session is not null)
        {
            try
            {
                await using var leave = new NpgsqlCommand("DELETE FROM ownership_members WHERE lock_id = $1", _session);
                leave.Parameters.Add(new NpgsqlParameter { Value = _lockId });
                await leave.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                _logger.LogWarning(e, "Could not remove member {Member} from the group; its row goes when others see its session gone", MemberId);
            }

            // Closing the session releases every lock it still holds.
            await _session.DisposeAsync();
            _session = null;
        }
    }

    public async ValueTask<PartitionOwner?> GetOwnerAsync(TopicPartition partition, CancellationToken cancellationToken = default)
    {
        if (_ownedSnapshot.Contains(partition))
        {
            return new PartitionOwner(MemberId, _address.Value, IsLocal: true);
        }

        // Forwarded requests and remote grain calls look owners up often; an answer is reused for one rebalance
        // interval (a caller that reaches a former owner is told so and looks again).
        if (_owners.TryGetValue(partition, out var cached) && _timeProvider.GetElapsedTime(cached.At) < _options.RebalanceInterval)
        {
            return cached.Owner;
        }

        var owner = await QueryOwnerAsync(partition, cancellationToken);
        _owners[partition] = (owner, _timeProvider.GetTimestamp());
        return owner;
    }

    private async Task<PartitionOwner?> QueryOwnerAsync(TopicPartition partition, CancellationToken cancellationToken)
    {
        await _schema.Value;
        await using var command = _dataSource.CreateCommand(
            """
            SELECT m.member_id, m.address FROM ownership_units u
            JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.classid = $4::oid AND l.objid = u.unit_id::oid AND l.objsubid = 2
                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            JOIN ownership_members m ON m.backend_pid = l.pid AND m.group_name = u.group_name
            WHERE u.group_name = $1 AND u.topic = $2 AND u.partition = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = _group });
        command.Parameters.Add(new NpgsqlParameter { Value = partition.Topic });
        command.Parameters.Add(new NpgsqlParameter { Value = partition.Partition });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)(await LockSpacesAsync()).Partitions });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var member = reader.GetString(0);
        var address = reader.IsDBNull(1) ? null : new Uri(reader.GetString(1));
        return new PartitionOwner(member, address, member == MemberId);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    // Advisory locks are database-wide, while ids are per schema: the first int of each lock key is derived from the
    // schema, so deployments in different schemas of one database never share a lock (non-negative to match pg_locks' oid).
    private async ValueTask<(int Members, int Partitions)> LockSpacesAsync()
    {
        if (_lockSpaces is { } known)
        {
            return known;
        }

        await _schema.Value;
        await using var command = _dataSource.CreateCommand("SELECT current_schema()");
        var schema = (string)(await command.ExecuteScalarAsync())!;
        var spaces = (StreamPartitioner.Murmur2($"{schema}/ownership-members") & 0x7FFF_FFFF, StreamPartitioner.Murmur2($"{schema}/ownership-units") & 0x7FFF_FFFF);
        _lockSpaces = spaces;
        return spaces;
    }

    private async Task LoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RebalanceInterval, _timeProvider, token);
                if (_session is null)
                {
                    await JoinAsync(token);
                }

                await RebalanceAsync(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The session (and with it every lock) may be gone: stop consuming at once, then join again.
                _logger.LogError(e, "Partition ownership round failed for member {Member}; giving up {Count} partitions and rejoining", MemberId, _owned.Count);
                await LoseAllAsync();
            }
        }
    }

    private async Task LoseAllAsync()
    {
        var lost = _owned.ToList();
        _owned.Clear();
        _ownedSnapshot = [];
        if (lost.Count > 0 && _listener is not null)
        {
            try
            {
                await _listener.OnLostAsync(lost, CancellationToken.None);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Stopping lost partitions failed");
            }
        }

        if (_session is not null)
        {
            await _session.DisposeAsync();
            _session = null;
        }
    }

    private async Task RegisterUnitsAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO ownership_units (group_name, topic, partition)
            SELECT @group, * FROM unnest(@topics::text[], @partitions::int[]) ON CONFLICT DO NOTHING;
            SELECT unit_id, topic, partition FROM ownership_units WHERE group_name = @group
            """);
        command.Parameters.AddWithValue("group", _group);
        command.Parameters.AddWithValue("topics", partitions.Select(p => p.Topic).ToArray());
        command.Parameters.AddWithValue("partitions", partitions.Select(p => p.Partition).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var wanted = partitions.ToHashSet();
        while (await reader.ReadAsync(cancellationToken))
        {
            var unit = new TopicPartition(reader.GetString(1), reader.GetInt32(2));
            if (wanted.Contains(unit))
            {
                _unitIds[unit] = reader.GetInt32(0);
            }
        }
    }

    private async Task JoinAsync(CancellationToken cancellationToken)
    {
        var session = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Row and member lock in one transaction: nobody sees the row before its lock is held (and deletes it as dead).
            var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            await using var transaction = await session.BeginTransactionAsync(cancellationToken);
            await using var join = new NpgsqlCommand(
                """
                INSERT INTO ownership_members (group_name, member_id, backend_pid, address, joined_at, heartbeat_at)
                VALUES ($1, $2, pg_backend_pid(), $3, $4, $4)
                ON CONFLICT (group_name, member_id) DO UPDATE SET backend_pid = pg_backend_pid(), address = $3, heartbeat_at = $4
                RETURNING lock_id
                """,
                session,
                transaction);
            join.Parameters.Add(new NpgsqlParameter { Value = _group });
            join.Parameters.Add(new NpgsqlParameter { Value = MemberId });
            join.Parameters.Add(new NpgsqlParameter { Value = (object?)_address.Value?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            join.Parameters.Add(new NpgsqlParameter { Value = now });
            _lockId = (int)(await join.ExecuteScalarAsync(cancellationToken))!;
            await using var lockMember = new NpgsqlCommand("SELECT pg_advisory_lock($1, $2)", session, transaction);
            lockMember.Parameters.Add(new NpgsqlParameter { Value = (await LockSpacesAsync()).Members });
            lockMember.Parameters.Add(new NpgsqlParameter { Value = _lockId });
            await lockMember.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _session = session;
            _logger.LogInformation("Member {Member} joined partition group '{Group}' (session pid {Pid})", MemberId, _group, session.ProcessID);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private async Task RebalanceAsync(CancellationToken cancellationToken)
    {
        var session = _session ?? throw new InvalidOperationException("No ownership session.");
        var members = await LiveMembersAsync(session, cancellationToken);
        var index = members.IndexOf(MemberId);
        if (index < 0)
        {
            throw new InvalidOperationException($"Member {MemberId} is not live in group '{_group}' (its session lost the member lock).");
        }

        var desired = _unitIds.Keys
            .OrderBy(u => u.Topic, StringComparer.Ordinal).ThenBy(u => u.Partition)
            .Where((_, i) => i % members.Count == index)
            .ToHashSet();

        var revoke = _owned.Where(u => !desired.Contains(u)).ToList();
        if (revoke.Count > 0)
        {
            await _listener!.OnRevokedAsync(revoke, cancellationToken);
            foreach (var unit in revoke)
            {
                _owned.Remove(unit);
            }

            _ownedSnapshot = [.. _owned];
            await UnlockAsync(revoke, cancellationToken);
        }

        var acquired = new List<TopicPartition>();
        foreach (var unit in desired.Where(u => !_owned.Contains(u)).OrderBy(u => u.Topic, StringComparer.Ordinal).ThenBy(u => u.Partition))
        {
            await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", session);
            tryLock.Parameters.Add(new NpgsqlParameter { Value = (await LockSpacesAsync()).Partitions });
            tryLock.Parameters.Add(new NpgsqlParameter { Value = _unitIds[unit] });
            if ((bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                acquired.Add(unit);
            }
        }

        if (acquired.Count > 0)
        {
            foreach (var unit in acquired)
            {
                _owned.Add(unit);
            }

            _ownedSnapshot = [.. _owned];
            await _listener!.OnAssignedAsync(acquired, cancellationToken);
        }

        RoundCompleted?.Invoke();
    }

    private async Task<List<string>> LiveMembersAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE ownership_members SET heartbeat_at = @now, address = COALESCE(@address, address) WHERE lock_id = @lock;
            DELETE FROM ownership_members m WHERE m.group_name = @group AND NOT {LiveCondition};
            SELECT m.member_id FROM ownership_members m WHERE m.group_name = @group AND {LiveCondition} ORDER BY m.member_id COLLATE "C"
            """,
            session);
        command.Parameters.AddWithValue("group", _group);
        command.Parameters.AddWithValue("now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.Add(new NpgsqlParameter("address", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)_address.Value?.ToString() ?? DBNull.Value });
        command.Parameters.AddWithValue("lock", _lockId);
        command.Parameters.AddWithValue("memberSpace", (long)(await LockSpacesAsync()).Members);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(reader.GetString(0));
        }

        return members;
    }

    private async Task UnlockAsync(IEnumerable<TopicPartition> units, CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            return;
        }

        foreach (var unit in units)
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", _session);
            unlock.Parameters.Add(new NpgsqlParameter { Value = (await LockSpacesAsync()).Partitions });
            unlock.Parameters.Add(new NpgsqlParameter { Value = _unitIds[unit] });
            await unlock.ExecuteScalarAsync(cancellationToken);
        }
    }
}
