namespace EmploymentDashboard.BrowserTests.Infrastructure;

/// <summary>The pages of the app that the accessibility tests visit, by audience, and the demo accounts to sign in with.</summary>
public static class DashboardPages
{
    public static readonly string[] Languages = ["ru", "kk", "en"];

    /// <summary>Every page an anonymous visitor can open (the dashboards, their detail pages and sign-in).</summary>
    public static readonly string[] Public =
    [
        "/",
        "/Districts",
        "/Districts/karaganda-city",
        "/Measures/vacancy",
        "/Quotas",
        "/Grants",
        "/Context",
        "/Map",
        "/Definitions",
        "/Methodology",
        "/Account/SignIn",
    ];

    /// <summary>Pages only signed-in staff see (besides the public ones, which show exact figures to them).</summary>
    public static readonly string[] Staff = ["/Account/SignOut", "/Import", "/Records", "/Records/Edit/placement/1", "/Records/Edit/grant/1", "/Records/Edit/quota/1"];

    /// <summary>Pages only an administrator sees.</summary>
    public static readonly string[] Admin = ["/Exports", "/Admin/Users", "/Admin/Users/Create", "/Admin/Audit", "/Admin/Plans"];

    public static readonly (string Email, string Password) StaffAccount = ("staff@demo.local", "Staff-Tulip-Orbit-2025");

    public static readonly (string Email, string Password) AdminAccount = ("admin@demo.local", "Admin-Granite-Lantern-2025");

    /// <summary>The path with the language chosen by query string, the way the language switcher links.</summary>
    public static string InLanguage(string path, string language) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? '&' : '?') + "lang=" + language;
}
