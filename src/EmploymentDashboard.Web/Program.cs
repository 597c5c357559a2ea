using System.Text.Encodings.Web;
using System.Text.Unicode;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.WebEncoders;
using Serilog;
using Serilog.Events;

// Commands of the app: "migrate" applies migrations and exits; "seed-demo" also loads demo data
// into an empty database; "create-admin --email EMAIL" creates an administrator; "write-demo-files DIR"
// writes the demo data set as import files (no database needed). Without a command the app serves the dashboard.
if (args.FirstOrDefault() == "write-demo-files")
{
    return await DemoFilesCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var command = args.FirstOrDefault() is "migrate" or "seed-demo" or "create-admin" ? args[0] : null;
var hostArgs = command is null ? args : [];

var builder = WebApplication.CreateBuilder(hostArgs);

// The app's logger lives in its service container, not in the static Log.Logger: two hosts in one process
// (the test suite runs several at once) must never write into each other's sinks.
builder.Services.AddSerilog(
    (services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services),
    preserveStaticLogger: true);

builder.Services.Configure<DashboardOptions>(builder.Configuration.GetSection(DashboardOptions.SectionName));
builder.Services.AddDbContextPool<DashboardDbContext>((services, options) =>
    options.UseDashboardDatabase(services.GetRequiredService<IConfiguration>().GetConnectionString(DashboardDatabase.ConnectionStringName) ?? string.Empty));
builder.Services.AddReadReplicas(builder.Configuration);
builder.Services.AddDashboardHealthChecks();
builder.Services.AddSharedKeyRing();

builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");

// Cyrillic and Kazakh letters are written as they are, not as numeric character references.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddDashboardIdentity(builder.Environment);
builder.Services.AddDashboardAuthorization();
builder.Services.AddDisclosurePolicy();
builder.Services.AddSignInRateLimit(builder.Configuration);
builder.Services.AddExportRateLimit(builder.Configuration);
builder.Services.AddAuditTrail();
builder.Services.AddRazorPages(Policies.Apply);
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ReferenceDataCache>();
builder.Services.AddAnonymousResponseCache(builder.Configuration);
builder.Services.AddOpenApi("v1");
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddReverseProxySupport(builder.Configuration);
builder.Services.AddHttpProtocolRules();
builder.Services.AddDataImport(builder.Configuration);
builder.Services.AddGracefulShutdown(builder.Configuration);

var app = builder.Build();

// A typo in the connection string is reported in one line at start-up, not on the first request.
var connectionProblem = DashboardDatabase.DescribeConnectionStringProblem(app.Configuration.GetConnectionString(DashboardDatabase.ConnectionStringName))
    ?? ReadReplicas.DescribeConfigurationProblem(app.Configuration)
    ?? ReverseProxy.DescribeConfigurationProblem(app.Configuration)
    ?? AnonymousResponseCacheExtensions.DescribeConfigurationProblem(app.Configuration)
    ?? GracefulShutdown.DescribeConfigurationProblem(app.Configuration);
if (connectionProblem is not null)
{
    Console.Error.WriteLine($"EmploymentDashboard cannot start: {connectionProblem}");
    return 2;
}

var dashboardOptions = app.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
var migrate = command is "migrate" or "seed-demo" || dashboardOptions.ApplyMigrationsOnStartup;
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

if (command == "create-admin")
{
    return await AccountCommands.CreateAdminAsync(app.Services, args[1..], Console.In, Console.Out, Console.Error);
}

if (command is not null)
{
    return 0;
}

// In Production a schema older than the code is refused in one line; "migrate" (or ApplyMigrationsOnStartup) applies it.
if (!migrate && app.Environment.IsProduction() && await HealthEndpoints.PendingMigrationsAsync(app.Services) is { Count: > 0 } pending)
{
    app.Logger.LogCritical("EmploymentDashboard cannot start: the database lacks {Count} migrations ({Migrations}); run the \"migrate\" command or set Dashboard__ApplyMigrationsOnStartup=true", pending.Count, string.Join(", ", pending));
    return 3;
}

if (dashboardOptions.CreateDemoAccounts)
{
    if (app.Environment.IsDevelopment())
    {
        await AccountCommands.EnsureDemoAccountsAsync(app.Services, Console.Out);
    }
    else
    {
        app.Logger.LogWarning("Dashboard:CreateDemoAccounts is ignored outside the Development environment");
    }
}

app.UseReverseProxySupport();
app.UseRequestIdLogContext();

// Users never see a stack trace, in any environment: the log has the details.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    StatusCodeSelector = DatabaseFailure.StatusCodeFor,
});
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseTableDownloads();
app.UseSerilogRequestLogging(options =>
{
    options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    // Health probes every few seconds would drown the log: they are logged only when they fail.
    options.GetLevel = (context, _, exception) =>
        exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
        : LogEventLevel.Information;
});
app.UseRequestLocalization(Cultures.CreateOptions());
app.UseLanguageCookie();
app.UseStaticFiles();
app.UseRouting();

// An address that matches nothing is a 404 for everyone, not a sign-in prompt from the fallback policy.
app.Use((context, next) =>
{
    if (context.GetEndpoint() is null)
    {
        // The API answers in problem+json, as its OpenAPI document says; pages get the friendly 404 page.
        if (context.Request.Path.StartsWithSegments(TableApi.Prefix))
        {
            return TypedResults.Problem($"There is nothing at {context.Request.Path}. The OpenAPI document at {TableApi.Prefix}/openapi.json lists the API.", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    return next(context);
});
app.UsePageMethodsOnly();
app.UseAuthentication();
app.UseSessionCheckFailures();
app.UseUserIdLogContext();
app.UseAuthorization();
app.UseImportUploadLimit();
app.UseRateLimiter();
app.UseAnonymousResponseCache();

app.MapDashboardHealthChecks();
app.MapRecordExports();
app.MapTableApi();
app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
app.MapBenchmarkEndpoints();
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>The web application's entry point (public so that tests can host it).</summary>
public partial class Program;
