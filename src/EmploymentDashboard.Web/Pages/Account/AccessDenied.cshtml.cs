namespace EmploymentDashboard.Web.Pages.Account;

/// <summary>Shown when a signed-in user opens a page their role does not allow; answers 403.</summary>
public sealed class AccessDeniedModel : DashboardPageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
