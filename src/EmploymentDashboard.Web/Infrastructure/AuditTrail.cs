using System.Security.Claims;
using System.Text.Json;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Writes the audit trail (<see cref="AuditEntry"/>, table audit_log). The actor (account id and name) and
/// the client address come from the current request. <see cref="Add"/> stages an entry in the request's
/// <see cref="DashboardDbContext"/>, so it is saved by the caller's own SaveChanges, inside the caller's
/// transaction: the change and its audit line commit together or not at all. <see cref="WriteAsync"/> adds
/// and saves at once, for actions that write nothing else.
/// </summary>
public sealed class AuditTrail(DashboardDbContext db, IHttpContextAccessor http)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stages an entry. <paramref name="details"/>, <paramref name="before"/> and <paramref name="after"/> are
    /// serialised as JSON objects (anonymous objects or dictionaries).
    /// </summary>
    public AuditEntry Add(string kind, string action, string subject, object? details = null, object? before = null, object? after = null, long? relatesTo = null)
    {
        if (!AuditKinds.All.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an audit kind (see AuditKinds).");
        }

        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var entry = new AuditEntry
        {
            UserId = signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            UserName = signedIn ? user!.Identity!.Name : null,
            Kind = kind,
            Action = action,
            Subject = subject.Length > 400 ? subject[..400] : subject,
            Details = Json(details),
            Before = Json(before),
            After = Json(after),
            ClientAddress = context?.Connection.RemoteIpAddress?.ToString(),
            RelatesTo = relatesTo,
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Adds an entry and saves it (with anything else the context has pending) at once.</summary>
    public async Task<AuditEntry> WriteAsync(string kind, string action, string subject, object? details = null, long? relatesTo = null, CancellationToken cancellationToken = default)
    {
        var entry = Add(kind, action, subject, details, relatesTo: relatesTo);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    private static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, _json);
}

/// <summary>Registration of the audit trail.</summary>
public static class AuditTrailServices
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services) =>
        services.AddHttpContextAccessor().AddScoped<AuditTrail>();
}
