using Microsoft.AspNetCore.Identity;

namespace EmploymentDashboard.Data.Entities;

/// <summary>A staff account of the dashboard (there is no self-registration; an administrator creates accounts).</summary>
public class DashboardUser : IdentityUser
{
    /// <summary>Name shown in the header and the user list.</summary>
    public string? DisplayName { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end at the next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The CSV layout this user last chose ("comma" or "semicolon"), remembered for the next export.</summary>
    public string? CsvDelimiter { get; set; }
}

/// <summary>The roles of the dashboard. Anonymous visitors are the public and have no role.</summary>
public static class DashboardRoles
{
    /// <summary>Every dashboard with exact figures and record-level drill-down pages.</summary>
    public const string Staff = "Staff";

    /// <summary>Staff, plus record-level CSV export.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Users, roles and data management.</summary>
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Staff, Analyst, Admin];
}
