namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Finds files of the repository the tests were built from (resources, pages, libman.json).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EmploymentDashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with EmploymentDashboard.sln) was not found above the test output folder.");
    }
}
