using EmploymentDashboard.Data.Demo;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The write-demo-files command: writes the demo data set as the import page's files (one CSV per dataset and
/// reporting year, people by pseudonymous participant id, never an IIN), so a newcomer can try the import with them.
/// </summary>
public static class DemoFilesCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 1 || string.IsNullOrWhiteSpace(args[0]) || args[0].StartsWith('-'))
        {
            await error.WriteLineAsync("write-demo-files: give the directory to write into, for example: write-demo-files ./demo-files");
            return 2;
        }

        IReadOnlyList<string> paths;
        try
        {
            paths = await DemoImportFiles.WriteAsync(new DemoDataGenerator().Generate(), args[0]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await error.WriteLineAsync($"write-demo-files: cannot write into {args[0]}: {ex.Message}");
            return 1;
        }

        foreach (var path in paths)
        {
            await output.WriteLineAsync(path);
        }

        await output.WriteLineAsync($"{paths.Count} files written. Import them on /Import in this order, choosing the dataset and the year each file name gives.");
        return 0;
    }
}
