namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>The "Dashboard" configuration section: what the app does to its database when it starts.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Apply EF Core migrations before serving (run.sh and docker compose set this).</summary>
    public bool ApplyMigrationsOnStartup { get; set; }

    /// <summary>Load the demo data set when the database has no data yet.</summary>
    public bool SeedDemoDataIfEmpty { get; set; }
}
