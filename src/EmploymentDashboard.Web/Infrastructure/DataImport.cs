using EmploymentDashboard.Data.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>The "Import" configuration section.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>
    /// The secret key (base64, at least 32 bytes) of the keyed hash that turns an IIN into the pseudonymous
    /// participant id. Without it the import refuses to run. Never in the repository: run.sh generates one
    /// under .data/, production sets Import__PseudonymKey from its secret store.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;
}

/// <summary>Registers the import and enforces its upload limit.</summary>
public static class DataImport
{
    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    public static IServiceCollection AddDataImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.SectionName));
        services.AddScoped<ImportPreviews>();
        var maxFileBytes = configuration.GetSection(ImportOptions.SectionName).Get<ImportOptions>()?.MaxFileBytes ?? new ImportOptions().MaxFileBytes;
        services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = Math.Max(options.MultipartBodyLengthLimit, maxFileBytes + FormOverhead));
        return services;
    }

    /// <summary>The pseudonym key, or null when the setting is missing or unusable (the import then refuses to run).</summary>
    public static ParticipantPseudonym? Pseudonym(this ImportOptions options) => ParticipantPseudonym.FromSetting(options.PseudonymKey);

    /// <summary>
    /// Uploads to the import page may be as large as Import:MaxFileBytes (other requests keep the server's
    /// limit); a larger one is turned away before it is read, back to the page with a clear message.
    /// </summary>
    public static IApplicationBuilder UseImportUploadLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Import", StringComparison.OrdinalIgnoreCase))
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<ImportOptions>>().Value.MaxFileBytes + FormOverhead;
            if (context.Request.ContentLength > limit)
            {
                context.Response.Redirect("/Import?problem=too-large", permanent: false);
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Connection = "close";
                return Task.CompletedTask;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
        }

        return next(context);
    });
}
