using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Web.Pages;

/// <summary>How the figures are counted and how the public view protects them (the cell key method, ADR 0010). Public.</summary>
public sealed class MethodologyModel(DisclosurePolicy disclosure) : DashboardPageModel
{
    public int Threshold => disclosure.Threshold;

    public int MaxNoise => disclosure.Table.Parameters.MaxNoise;

    public void OnGet()
    {
    }
}
