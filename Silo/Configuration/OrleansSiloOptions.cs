using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Silo.Configuration;

/// <summary>
/// Options of the Orleans silo ("Cluster" section; "Orleans" is read by Orleans itself): how it finds the cluster and where it listens. The embedded
/// default is one silo on localhost; <c>Development</c> clustering joins silos of one machine to a primary silo
/// (tests and trials of several processes; the primary holds the membership table in memory); <c>Postgres</c> keeps the
/// membership table in PostgreSQL (ConnectionStrings:Postgres) and <c>AzureTable</c> in Azure Table storage
/// (Cluster:AzureTable), so any silo may stop or die.
/// </summary>
public sealed class OrleansSiloOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Cluster";

    /// <summary>Single silo on localhost.</summary>
    public const string Localhost = "Localhost";

    /// <summary>Silos of one machine, joined through the primary silo's in-memory membership table.</summary>
    public const string Development = "Development";

    /// <summary>Silos anywhere, joined through the membership table in PostgreSQL (ConnectionStrings:Postgres).</summary>
    public const string Postgres = "Postgres";

    /// <summary>Silos anywhere, joined through the membership table in Azure Table storage (Cluster:AzureTable).</summary>
    public const string AzureTable = "AzureTable";

    /// <summary>Localhost (default), Development, Postgres or AzureTable.</summary>
    [AllowedValues(Localhost, Development, Postgres, AzureTable, ErrorMessage = "Cluster:Clustering must be one of 'Localhost', 'Development', 'Postgres', 'AzureTable'.")]
    public string Clustering { get; set; } = Localhost;

    /// <summary>Orleans cluster id (silos with the same id form one cluster). Default "streamorleans".</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Cluster:ClusterId must be 1-64 letters, digits, '.', '_' or '-'.")]
    public string ClusterId { get; set; } = "streamorleans";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535, ErrorMessage = "Cluster:SiloPort must be between 1 and 65535.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    [Range(1, 65535, ErrorMessage = "Cluster:GatewayPort must be between 1 and 65535.")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>With Development clustering: the primary silo's silo port (the primary itself uses its own SiloPort). Default 11111.</summary>
    [Range(1, 65535, ErrorMessage = "Cluster:PrimarySiloPort must be between 1 and 65535.")]
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>
    /// With Development, Postgres or AzureTable clustering: the IP address other silos and clients reach this silo at (it then listens
    /// on all addresses). Default empty: loopback, for silos of one machine.
    /// </summary>
    [RegularExpression(@"^[0-9A-Fa-f.:]*$", ErrorMessage = "Cluster:AdvertisedAddress must be an IPv4 or IPv6 address (e.g. 10.0.0.5), or empty for loopback.")]
    public string AdvertisedAddress { get; set; } = "";
}
