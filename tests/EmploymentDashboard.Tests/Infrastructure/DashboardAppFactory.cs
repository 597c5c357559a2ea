using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Hosts the real web app in memory against a given database connection string.</summary>
public sealed class DashboardAppFactory(string connectionString, string environment = "Production") : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Dashboard", connectionString);
        builder.UseSetting("Dashboard:ApplyMigrationsOnStartup", "false");
        builder.UseSetting("Dashboard:SeedDemoDataIfEmpty", "false");

        // Test output stays readable: only warnings and errors from the app.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    /// <summary>A client that does not follow redirects, so tests see exactly what the app answered.</summary>
    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
