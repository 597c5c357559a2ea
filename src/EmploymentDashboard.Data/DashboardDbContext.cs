using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Rollups;
using EmploymentDashboard.Data.Statistics;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data;

/// <summary>
/// The dashboard's PostgreSQL database: territory, measures, people, placements, quotas, grants, the staff accounts
/// (ASP.NET Core Identity) and the Data Protection keys that every web instance shares.
/// </summary>
public class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : IdentityDbContext<DashboardUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<District> Districts => Set<District>();

    public DbSet<SupportMeasure> SupportMeasures => Set<SupportMeasure>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Placement> Placements => Set<Placement>();

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<EmployerQuota> EmployerQuotas => Set<EmployerQuota>();

    public DbSet<SpecialWorkplace> SpecialWorkplaces => Set<SpecialWorkplace>();

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<DisabilityPopulation> DisabilityPopulations => Set<DisabilityPopulation>();

    public DbSet<DatasetInfo> DatasetInfo => Set<DatasetInfo>();

    public DbSet<AnnualPlan> AnnualPlans => Set<AnnualPlan>();

    /// <summary>The append-only audit trail (imports, corrections, plans, accounts, sign-in delays, exports).</summary>
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Import previews waiting for their user's commit, with their checked rows (any instance commits them).</summary>
    public DbSet<ImportPreviewEntry> ImportPreviews => Set<ImportPreviewEntry>();

    /// <summary>The key ring that protects session cookies and antiforgery tokens, shared by every web instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Rollups kept by triggers (ADR 0007); read-only for the application.</summary>
    public DbSet<PlacementMonth> PlacementMonths => Set<PlacementMonth>();

    public DbSet<GrantMonth> GrantMonths => Set<GrantMonth>();

    public DbSet<GrantSectorMonth> GrantSectorMonths => Set<GrantSectorMonth>();

    public DbSet<PlacementPersonYear> PlacementPersonYears => Set<PlacementPersonYear>();

    public DbSet<GrantPersonYear> GrantPersonYears => Set<GrantPersonYear>();

    /// <summary>The statistics cube (ADR 0011), kept by triggers from the rollups above.</summary>
    public DbSet<CubeCell> StatCells => Set<CubeCell>();

    private readonly Dictionary<string, Task> _remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// True for a context that only reads (the web's read context, one per request): a statistic asked for twice
    /// in its life is read once (<see cref="RememberAsync{T}"/>). A context that may write never remembers, so it
    /// always sees its own writes.
    /// </summary>
    protected virtual bool RemembersStatistics => false;

    /// <summary>
    /// The result of <paramref name="read"/> for <paramref name="key"/>, read once per context when it
    /// <see cref="RemembersStatistics"/>; read every time otherwise. Keys name the statistic and its filter
    /// (<see cref="DashboardFilter.Key"/>).
    /// </summary>
    public Task<T> RememberAsync<T>(string key, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!RemembersStatistics)
        {
            return read();
        }

        if (_remembered.TryGetValue(key, out var known))
        {
            return (Task<T>)known;
        }

        var task = read();
        _remembered[key] = task;
        return task;
    }

    /// <summary>Quotas and special workplaces per district and year, kept by triggers from employer_quotas, special_workplaces and employers.</summary>
    public DbSet<QuotaDistrictYear> QuotaCells => Set<QuotaDistrictYear>();

    public DbSet<SpecialWorkplaceDistrictYear> SpecialWorkplaceCells => Set<SpecialWorkplaceDistrictYear>();

    /// <summary>Each employer's quota in force per year with what the staff's employer list shows, kept by triggers from employer_quotas, employers and districts.</summary>
    public DbSet<EmployerQuotaYear> EmployerQuotaYears => Set<EmployerQuotaYear>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);

        // The one definition of the age bands, in SQL (created by the AddRollups migration).
        modelBuilder.HasDbFunction(typeof(Ages).GetMethod(nameof(Ages.BandOfAge))!).HasName("age_band");
    }
}
