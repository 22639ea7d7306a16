namespace FiveSocieties.UnitTests;

/// <summary>The checkout the tests run from: the folder above the test binaries holding FiveSocieties.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FiveSocieties.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("FiveSocieties.sln not found above the test binaries");
    }
}
