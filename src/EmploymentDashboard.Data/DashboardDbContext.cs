using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data;

/// <summary>The dashboard's PostgreSQL database: territory, measures, people, placements, quotas and grants.</summary>
public class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
}
