namespace StreamOrleans.Tests.Api;

/// <summary>One API host shared by the API test classes (they run one after another against it).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "Api";
}
