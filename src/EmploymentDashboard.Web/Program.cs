using System.Text.Encodings.Web;
using System.Text.Unicode;
using EmploymentDashboard.Data;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.WebEncoders;
using Serilog;

// Commands of the app: "migrate" applies migrations and exits; "seed-demo" also loads demo data
// into an empty database. Without a command the app serves the dashboard.
var command = args.FirstOrDefault(a => a is "migrate" or "seed-demo");
var hostArgs = args.Where(a => a != command).ToArray();

var builder = WebApplication.CreateBuilder(hostArgs);

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services));

builder.Services.Configure<DashboardOptions>(builder.Configuration.GetSection(DashboardOptions.SectionName));
builder.Services.AddDbContextPool<DashboardDbContext>((services, options) =>
    options.UseDashboardDatabase(services.GetRequiredService<IConfiguration>().GetConnectionString(DashboardDatabase.ConnectionStringName) ?? string.Empty));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");

// Cyrillic and Kazakh letters are written as they are, not as numeric character references.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddRazorPages();

var app = builder.Build();

// A typo in the connection string is reported in one line at start-up, not on the first request.
var connectionProblem = DashboardDatabase.DescribeConnectionStringProblem(app.Configuration.GetConnectionString(DashboardDatabase.ConnectionStringName));
if (connectionProblem is not null)
{
    Console.Error.WriteLine($"EmploymentDashboard cannot start: {connectionProblem}");
    return 2;
}

var dashboardOptions = app.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
var migrate = command is not null || dashboardOptions.ApplyMigrationsOnStartup;
var seed = command == "seed-demo" || (command is null && dashboardOptions.SeedDemoDataIfEmpty);
if (migrate || seed)
{
    try
    {
        await DatabaseStartup.PrepareAsync(app.Services, migrate, seed);
    }
    catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
    {
        Console.Error.WriteLine($"EmploymentDashboard cannot start: the database cannot be reached ({ex.GetBaseException().Message}).");
        return 1;
    }
}

if (command is not null)
{
    return 0;
}

// Users never see a stack trace, in any environment: the log has the details.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    StatusCodeSelector = DatabaseFailure.StatusCodeFor,
});
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");

app.UseSerilogRequestLogging();
app.UseRequestLocalization(Cultures.CreateOptions());
app.UseLanguageCookie();
app.UseStaticFiles();
app.UseRouting();

app.MapHealthChecks("/health");
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>The web application's entry point (public so that tests can host it).</summary>
public partial class Program;
