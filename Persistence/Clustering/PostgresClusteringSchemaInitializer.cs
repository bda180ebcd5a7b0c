namespace StreamOrleans.Persistence.Clustering;

/// <summary>
/// Creates or migrates the clustering schema in the silo's first lifecycle stage, before the membership table is
/// initialized (Orleans reads <c>OrleansQuery</c> at RuntimeInitialize).
/// </summary>
internal sealed class PostgresClusteringSchemaInitializer(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresClusteringSchemaInitializer), ServiceLifecycleStage.First, cancellationToken => PostgresClusteringSchema.EnsureAsync(connectionString, cancellationToken));
}
