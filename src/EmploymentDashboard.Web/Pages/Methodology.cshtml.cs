using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Web.Pages;

/// <summary>How the figures are counted and how small counts are protected in the public view. Public.</summary>
public sealed class MethodologyModel(DisclosurePolicy disclosure) : DashboardPageModel
{
    public int Threshold => disclosure.Options.Threshold;

    public void OnGet()
    {
    }
}
