using System.ComponentModel.DataAnnotations;
using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Accounts made outside the web UI: the first administrator (the create-admin command) and, for a
/// Development demo only, one account per role.
/// </summary>
public static class AccountCommands
{
    /// <summary>Environment variable the create-admin command reads the password from; otherwise standard input.</summary>
    public const string AdminPasswordVariable = "DASHBOARD_ADMIN_PASSWORD";

    /// <summary>Demo accounts with fixed, printed passwords. Created only in the Development environment.</summary>
    public static readonly IReadOnlyList<(string Email, string Password, string Role)> DemoAccounts =
    [
        ("staff@demo.local", "Staff-Tulip-Orbit-2025", DashboardRoles.Staff),
        ("analyst@demo.local", "Analyst-Cobalt-River-2025", DashboardRoles.Analyst),
        ("admin@demo.local", "Admin-Granite-Lantern-2025", DashboardRoles.Admin),
    ];

    /// <summary>
    /// create-admin --email EMAIL [--name NAME]: creates an administrator. The password comes from
    /// DASHBOARD_ADMIN_PASSWORD or the first line of standard input, never from the command line.
    /// Returns the process exit code and writes one clear line on failure.
    /// </summary>
    public static async Task<int> CreateAdminAsync(IServiceProvider services, IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        // The command talks to an operator in English, like the rest of its output (password rules included).
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        var email = Option(args, "--email");
        var name = Option(args, "--name");
        if (args.Any(a => a is "--password" || a.StartsWith("--password=", StringComparison.Ordinal)))
        {
            await error.WriteLineAsync($"create-admin: passwords are never taken from the command line; set {AdminPasswordVariable} or type it on standard input.");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(email) || !new EmailAddressAttribute().IsValid(email))
        {
            await error.WriteLineAsync("create-admin: give a valid e-mail address with --email, for example: create-admin --email admin@example.kz");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable(AdminPasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"Password for {email} (or set {AdminPasswordVariable}):");
            password = (await input.ReadLineAsync())?.TrimEnd('\r');
        }

        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("create-admin: no password given.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        await DashboardIdentity.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        if (await users.FindByEmailAsync(email) is not null)
        {
            await error.WriteLineAsync($"create-admin: a user {email} already exists; manage it on the Users page.");
            return 1;
        }

        var user = new DashboardUser { UserName = email, Email = email, DisplayName = name ?? email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync($"create-admin: {DashboardIdentity.Describe(created)}");
            return 1;
        }

        DashboardIdentity.Check(await users.AddToRoleAsync(user, DashboardRoles.Admin));
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().WriteAsync(AuditKinds.Account, "account.created", $"user {user.Id}", new { email, roles = new[] { DashboardRoles.Admin }, by = "create-admin command" });
        await output.WriteLineAsync($"Administrator {email} created.");
        return 0;
    }

    /// <summary>Creates the demo accounts that are missing, resets their passwords to the printed ones, and prints them.</summary>
    public static async Task EnsureDemoAccountsAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        await DashboardIdentity.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await output.WriteLineAsync("Demo accounts (Development only):");
        foreach (var (email, password, role) in DemoAccounts)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new DashboardUser { UserName = email, Email = email, DisplayName = $"Demo {role}", EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
                DashboardIdentity.Check(await users.CreateAsync(user, password));
            }
            else
            {
                user.IsDisabled = false;
                DashboardIdentity.Check(await users.UpdateAsync(user));
                DashboardIdentity.Check(await users.RemovePasswordAsync(user));
                DashboardIdentity.Check(await users.AddPasswordAsync(user, password));
                await users.SetLockoutEndDateAsync(user, null);
            }

            if (!await users.IsInRoleAsync(user, role))
            {
                DashboardIdentity.Check(await users.AddToRoleAsync(user, role));
            }

            await output.WriteLineAsync($"  {role,-8} {email}  password: {password}");
        }
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
