using System.Security.Cryptography;
using EmploymentDashboard.Data.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Memory;
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

    /// <summary>Where checked rows wait between the preview and the commit (pseudonymous ids only); the system temp folder by default.</summary>
    public string? WorkDirectory { get; set; }
}

/// <summary>
/// A checked file waiting for the user's commit: who previewed it, what, and where its staged rows are. Kept in
/// memory for an hour; the staged rows are a file in the work directory, removed on commit or expiry.
/// </summary>
public sealed record ImportPreview(string Token, string UserId, string FileName, ImportDataset Dataset, int Year, string? StagedPath, ImportResult Result);

/// <summary>The previews of this instance, by token and user.</summary>
public sealed class ImportPreviews(IMemoryCache cache, IOptions<ImportOptions> options)
{
    private static readonly TimeSpan _lifetime = TimeSpan.FromHours(1);

    public string WorkDirectory
    {
        get
        {
            var directory = options.Value.WorkDirectory is { Length: > 0 } configured
                ? configured
                : Path.Combine(Path.GetTempPath(), "employment-dashboard-import");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string StagedPath(string token) => Path.Combine(WorkDirectory, token + ".rows");

    public void Save(ImportPreview preview)
    {
        RemoveExpiredFiles();
        cache.Set(Key(preview.Token), preview, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _lifetime, Size = 1 }
            .RegisterPostEvictionCallback((_, value, reason, _) =>
            {
                if (reason != EvictionReason.Replaced && value is ImportPreview { StagedPath: { } path })
                {
                    File.Delete(path);
                }
            }));
    }

    /// <summary>The preview with this token, only for the user who made it.</summary>
    public ImportPreview? Find(string? token, string userId) =>
        token is { Length: 32 } && cache.TryGetValue(Key(token), out ImportPreview? preview) && preview!.UserId == userId ? preview : null;

    public void Remove(string token) => cache.Remove(Key(token));

    private static string Key(string token) => "import-preview:" + token;

    private void RemoveExpiredFiles()
    {
        foreach (var file in new DirectoryInfo(WorkDirectory).EnumerateFiles("*.rows"))
        {
            if (DateTime.UtcNow - file.LastWriteTimeUtc > _lifetime)
            {
                file.Delete();
            }
        }
    }
}

/// <summary>Registers the import and enforces its upload limit.</summary>
public static class DataImport
{
    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    public static IServiceCollection AddDataImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.SectionName));
        services.AddMemoryCache();
        services.AddSingleton<ImportPreviews>();
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
