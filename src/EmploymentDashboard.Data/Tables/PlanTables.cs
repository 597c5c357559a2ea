using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Tables;

/// <summary>
/// Plan against actual: for each indicator with an annual plan, the plan, what was achieved in that year and the
/// share achieved. Shown on the overview (the region, or the one district filtered), each district's page and each
/// measure's page, only when the filter is one whole calendar year without group, sex or age filters (a plan is
/// for a year and for everybody).
/// </summary>
public static class PlanTables
{
    public static string Id(string prefix) => prefix + "-plan-table";

    /// <summary>
    /// The plan table for the region (no district) or one district, all indicators or one measure's; null when the
    /// filter is not comparable with a plan or no plan is set.
    /// </summary>
    public static async Task<StatTable?> GetAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, string prefix, int? districtId, string? measureCode, CancellationToken cancellationToken)
    {
        var period = filter.Period;
        if (period.From != new DateOnly(period.From.Year, 1, 1) || period.To != new DateOnly(period.From.Year, 12, 31)
            || filter.Groups.Count + filter.Sexes.Count + filter.AgeBands.Count > 0)
        {
            return null;
        }

        var year = period.From.Year;
        var plans = await db.AnnualPlans.AsNoTracking()
            .Where(p => p.RegionId == filter.Region.Id && p.Year == year && p.DistrictId == districtId)
            .Select(p => new { p.Indicator, p.Value })
            .ToListAsync(cancellationToken);
        var measures = await db.GetMeasuresAsync(cancellationToken);
        var order = PlanIndicators.All(measures.Select(m => m.Code)).ToList();
        var wanted = plans
            .Where(p => measureCode is null || p.Indicator == PlanIndicators.Events(measureCode))
            .Where(p => order.Contains(p.Indicator))
            .OrderBy(p => order.IndexOf(p.Indicator))
            .ToList();
        if (wanted.Count == 0)
        {
            return null;
        }

        var scope = filter with { DistrictIds = districtId is null ? [] : [districtId.Value], MeasureIds = [] };
        var rows = new List<StatRow>();
        foreach (var plan in wanted)
        {
            var actual = await ActualAsync(db, scope, plan.Indicator, cancellationToken);
            var shown = audience.Count(actual);
            var share = audience.Rate(shown, DisclosedValue.Shown(plan.Value), decimals: 1);
            var measure = PlanIndicators.MeasureOf(plan.Indicator) is { } code ? measures.First(m => m.Code == code) : null;
            rows.Add(new StatRow(
                plan.Indicator,
                measure is null ? Label.Ui($"Plans.Indicator.{plan.Indicator}") : Label.Ui("Plans.Indicator.events", Label.Of(measure.Name)),
                [StatCell.Exact(plan.Value), StatCell.Count(shown), StatCell.Rate(share)]));
        }

        return new StatTable
        {
            Id = Id(prefix),
            Title = Label.Ui("Plans.TableTitle", Label.Text(year.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            RowHeader = Label.Ui("Plans.Indicator"),
            RowCode = "indicator",
            RowAttribute = "indicator",
            Columns =
            [
                new StatColumn("plan", Label.Ui("Plans.Plan"), Unit.RowIndicator),
                new StatColumn("actual", Label.Ui("Plans.Actual"), Unit.RowIndicator),
                new StatColumn("share_achieved_percent", Label.Ui("Plans.ShareAchieved"), Unit.Percent),
            ],
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Summary = Label.Ui("Plans.Summary", Label.Text(year.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>
    /// What was achieved for one indicator under the filter (one whole year; the region or one district), with the
    /// sum of its units' record keys so that the public sees the same perturbed figure as everywhere else.
    /// </summary>
    public static async Task<KeyedCount> ActualAsync(DashboardDbContext db, DashboardFilter filter, string indicator, CancellationToken cancellationToken)
    {
        if (indicator == PlanIndicators.PeopleCovered)
        {
            return await db.CountPeopleCoveredAsync(filter, cancellationToken);
        }

        if (indicator == PlanIndicators.QuotaPlacesFilled)
        {
            // The region's quota cells and the filter's districts, both read once per page (the quota tables read them too).
            var year = filter.Period.From.Year;
            var districts = (await db.GetDistrictsInAsync(filter, cancellationToken)).Select(d => d.Id).ToHashSet();
            var filled = (await db.GetRegionQuotaCellsAsync(filter.Region.Id, cancellationToken)).Quotas
                .Where(c => c.Year == year && c.Status == QuotaStatus.InForce && districts.Contains(c.DistrictId))
                .ToList();
            return new KeyedCount(filled.Sum(c => c.PlacesFilled), filled.Sum(c => c.FilledKeySum));
        }

        var code = PlanIndicators.MeasureOf(indicator) ?? throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Not a plan indicator.");
        var measureId = await db.GetMeasureIdAsync(code, cancellationToken) ?? throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Unknown measure.");
        var events = await filter.Apply(db.EventMonths()).Where(e => e.MeasureId == measureId)
            .GroupBy(e => 1)
            .Select(g => new { Events = g.Sum(e => e.Events), KeySum = g.Sum(e => e.KeySum) })
            .SingleOrDefaultAsync(cancellationToken);
        return events is null ? default : new KeyedCount(events.Events, events.KeySum);
    }
}
