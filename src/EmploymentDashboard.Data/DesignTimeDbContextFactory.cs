using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EmploymentDashboard.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without the web app. Adding a migration needs no
/// database; `dotnet ef database update` uses ConnectionStrings__Dashboard when it is set.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable($"ConnectionStrings__{DashboardDatabase.ConnectionStringName}")
            ?? "Host=localhost;Database=employment_dashboard;Username=postgres";
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        builder.UseDashboardDatabase(connectionString);
        return new DashboardDbContext(builder.Options);
    }
}
