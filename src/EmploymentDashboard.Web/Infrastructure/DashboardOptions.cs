namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>The "Dashboard" configuration section: what the app does to its database when it starts.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Apply EF Core migrations before serving (run.sh and docker compose set this).</summary>
    public bool ApplyMigrationsOnStartup { get; set; }

    /// <summary>Load the demo data set when the database has no data yet.</summary>
    public bool SeedDemoDataIfEmpty { get; set; }

    /// <summary>Create one demo account per role and print the credentials. Honoured only in Development.</summary>
    public bool CreateDemoAccounts { get; set; }

    /// <summary>Sign-in attempts (POSTs) allowed per client address per minute before answering 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;
}
