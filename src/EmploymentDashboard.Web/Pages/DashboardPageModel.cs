using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmploymentDashboard.Web.Pages;

/// <summary>A dashboard page: it knows what data set it shows, so the layout can mark demo data and the last update.</summary>
public abstract class DashboardPageModel : PageModel
{
    /// <summary>The data set the page was built from; null on pages that do not read the database (errors).</summary>
    public DatasetSummary? Dataset { get; protected set; }

    /// <summary>Pages that did not read the dataset themselves still show the demo marker and the last update.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await next();
        if (Dataset is null && this is not ErrorModel)
        {
            try
            {
                Dataset = await HttpContext.RequestServices.GetRequiredService<DashboardReadDbContext>().GetSummaryAsync(HttpContext.RequestAborted);
            }
            catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
            {
                // A page that needs no data (sign-in, methodology) still works while the database is down.
            }
        }
    }
}
