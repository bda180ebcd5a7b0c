namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>The faults the chaos harness injects.</summary>
internal enum ChaosFaultKind
{
    /// <summary>SIGKILL a replica; restart it 0.5-3 s later.</summary>
    Kill,

    /// <summary>SIGSTOP a replica (it hangs) for 0.5-5 s, then SIGCONT; a silo declared dead meanwhile stops itself and is restarted.</summary>
    Pause,

    /// <summary>Restart PostgreSQL (log, state and membership): a crash (immediate) or a fast stop, chosen at random.</summary>
    PostgresRestart,

    /// <summary>Drop all packets between one replica and the others, or between two replicas, for 1-6 s.</summary>
    Partition,
}
