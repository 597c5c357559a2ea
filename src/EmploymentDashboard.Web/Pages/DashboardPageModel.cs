using EmploymentDashboard.Data.Statistics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmploymentDashboard.Web.Pages;

/// <summary>A dashboard page: it knows what data set it shows, so the layout can mark demo data and the last update.</summary>
public abstract class DashboardPageModel : PageModel
{
    /// <summary>The data set the page was built from; null on pages that do not read the database (errors).</summary>
    public DatasetSummary? Dataset { get; protected set; }
}
