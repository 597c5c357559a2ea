using System.Globalization;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Plans;

/// <summary>One plan value as entered: the district (null for the region), the indicator and the value (null clears the plan).</summary>
public sealed record PlanValue(int? DistrictId, string Indicator, int? Value);

/// <summary>A plan value that changes: what it was and what it becomes (null: no plan).</summary>
public sealed record PlanChange(int? DistrictId, string Indicator, int? Before, int? After);

/// <summary>What is wrong with one row of a plan file, or with the file (row 0).</summary>
public sealed record PlanFileProblem(long Row, string? Column, string Code, string? Detail = null);

/// <summary>Setting the annual plans: from the admin grid or from a file, always staged for the caller's SaveChanges.</summary>
public static class AnnualPlanChanges
{
    /// <summary>The largest plan value accepted (far above any region's yearly figure).</summary>
    public const int MaximumValue = 10_000_000;

    /// <summary>The columns of a plan file, by code; a file may also name them in Russian or Kazakh (<see cref="ColumnNames"/>).</summary>
    public static readonly IReadOnlyList<string> Columns = ["year", "district", "indicator", "value"];

    private static readonly Dictionary<string, string> _columnNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = "year", ["год"] = "year", ["жыл"] = "year",
        ["district"] = "district", ["район"] = "district", ["аудан"] = "district",
        ["indicator"] = "indicator", ["показатель"] = "indicator", ["көрсеткіш"] = "indicator",
        ["value"] = "value", ["план"] = "value", ["жоспар"] = "value",
    };

    /// <summary>The column headers a plan file may use, by column code.</summary>
    public static IReadOnlyDictionary<string, string> ColumnNames => _columnNames;

    /// <summary>
    /// Stages the values for the year (upsert; a null value removes the plan) and returns what changes.
    /// Nothing is saved: the caller saves with its audit entries in one transaction.
    /// </summary>
    public static async Task<IReadOnlyList<PlanChange>> StagePlansAsync(this DashboardDbContext db, int regionId, int year, IEnumerable<PlanValue> values, CancellationToken cancellationToken)
    {
        var existing = await db.AnnualPlans.Where(p => p.RegionId == regionId && p.Year == year).ToListAsync(cancellationToken);
        var changes = new List<PlanChange>();
        foreach (var value in values)
        {
            var plan = existing.FirstOrDefault(p => p.DistrictId == value.DistrictId && p.Indicator == value.Indicator);
            if (plan?.Value == value.Value || (plan is null && value.Value is null))
            {
                continue;
            }

            changes.Add(new PlanChange(value.DistrictId, value.Indicator, plan?.Value, value.Value));
            if (value.Value is null)
            {
                db.AnnualPlans.Remove(plan!);
            }
            else if (plan is null)
            {
                plan = new AnnualPlan { RegionId = regionId, DistrictId = value.DistrictId, Year = year, Indicator = value.Indicator, Value = value.Value.Value };
                existing.Add(plan);
                db.AnnualPlans.Add(plan);
            }
            else
            {
                plan.Value = value.Value.Value;
            }
        }

        return changes;
    }

    /// <summary>
    /// Reads a plan file (CSV in any encoding and delimiter ImportTable reads, or XLSX) with the columns year,
    /// district ("region", a district code or its name in any language), indicator and value. Returns the
    /// values by year, or the problems by row and column; a file with any problem gives no values.
    /// </summary>
    public static (IReadOnlyList<(int Year, PlanValue Value)> Values, IReadOnlyList<PlanFileProblem> Problems) ReadFile(
        Stream stream, IReadOnlyDictionary<string, int?> districts, IReadOnlyCollection<string> indicators, int firstYear, int lastYear)
    {
        var (table, problem) = ImportTable.Open(stream);
        if (table is null)
        {
            return ([], [new PlanFileProblem(0, null, "Import." + (problem?.Code ?? ImportProblemCode.FileUnreadable))]);
        }

        using (table)
        {
            var ordinals = new Dictionary<string, int>();
            for (var i = 0; i < table.Header.Count; i++)
            {
                if (_columnNames.TryGetValue(table.Header[i].Trim(), out var code))
                {
                    ordinals.TryAdd(code, i);
                }
            }

            var missing = Columns.Where(c => !ordinals.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                return ([], [new PlanFileProblem(0, null, "MissingColumns", string.Join(", ", missing))]);
            }

            var values = new List<(int, PlanValue)>();
            var problems = new List<PlanFileProblem>();
            var seen = new Dictionary<(int, int?, string), long>();
            try
            {
                foreach (var row in table.Rows())
                {
                    string Cell(string column) => ordinals[column] < row.Cells.Length ? row.Cells[ordinals[column]].Trim() : string.Empty;
                    var yearText = Cell("year");
                    var districtText = Cell("district");
                    var indicator = Cell("indicator").ToLowerInvariant();
                    var valueText = Cell("value").Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
                    var before = problems.Count;
                    if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < firstYear || year > lastYear)
                    {
                        problems.Add(new PlanFileProblem(row.Number, "year", "BadYear", yearText));
                    }

                    if (!districts.TryGetValue(districtText.ToLowerInvariant(), out var districtId))
                    {
                        problems.Add(new PlanFileProblem(row.Number, "district", "UnknownDistrict", districtText));
                    }

                    if (!indicators.Contains(indicator))
                    {
                        problems.Add(new PlanFileProblem(row.Number, "indicator", "UnknownIndicator", Cell("indicator")));
                    }

                    if (!int.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > MaximumValue)
                    {
                        problems.Add(new PlanFileProblem(row.Number, "value", "BadValue", Cell("value")));
                    }

                    if (problems.Count > before)
                    {
                        continue;
                    }

                    if (seen.TryGetValue((year, districtId, indicator), out var first))
                    {
                        problems.Add(new PlanFileProblem(row.Number, "indicator", "Duplicate", first.ToString(CultureInfo.InvariantCulture)));
                        continue;
                    }

                    seen[(year, districtId, indicator)] = row.Number;
                    values.Add((year, new PlanValue(districtId, indicator, value)));
                }
            }
            catch (ImportFileException ex)
            {
                return ([], [new PlanFileProblem(0, null, "Import." + ex.Problem.Code)]);
            }

            if (problems.Count == 0 && values.Count == 0)
            {
                problems.Add(new PlanFileProblem(0, null, "Import." + ImportProblemCode.HeaderOnly));
            }

            return problems.Count > 0 ? ([], problems) : (values, []);
        }
    }
}
