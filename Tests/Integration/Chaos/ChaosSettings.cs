namespace StreamOrleans.Tests.Integration.Chaos;

/// <summary>How much chaos: faults in all, per round (a round ends with a full check), the seed, partitions per topic.</summary>
/// <param name="Faults">Faults to inject in the whole run (CI: 100; the soak command: 1,000 or more).</param>
/// <param name="FaultsPerRound">Faults per round, injected at random points of <paramref name="FaultWindow"/>, overlapping.</param>
/// <param name="Seed">Seed of the fault schedule and the load (printed; the same seed gives the same schedule).</param>
/// <param name="Partitions">Partitions per input topic (queues: 4 topics x this).</param>
/// <param name="FaultWindow">The part of a round during which faults start.</param>
internal sealed record ChaosSettings(int Faults, int FaultsPerRound, int Seed, int Partitions, TimeSpan FaultWindow)
{
    public int Rounds => (Faults + FaultsPerRound - 1) / FaultsPerRound;
}
