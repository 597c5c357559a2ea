using System.Globalization;
using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Data.Csv;

/// <summary>A column of an exported table: a stable code, a label in the UI language, and whether it holds figures.</summary>
public sealed record ExportColumn(string Code, string Label, bool IsFigure);

/// <summary>
/// A table exactly as a page shows it, ready to export: the same rows, columns and (for the public)
/// the same withheld cells. Text cells are strings; figure cells are <see cref="DisclosedValue"/>s,
/// rates <see cref="DisclosedRate"/>s, amounts decimals.
/// </summary>
public sealed record ExportTable(string Id, string Title, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows, bool IsPublic)
{
    /// <summary>
    /// Writes the table as CSV. For the public every figure column is followed by a "_flag" column saying
    /// why a value is withheld ("small_count", "complementary", …), empty when it is shown.
    /// </summary>
    public async Task WriteCsvAsync(CsvWriter csv, bool codeHeaders, CancellationToken cancellationToken)
    {
        foreach (var column in Columns)
        {
            csv.Text(codeHeaders ? column.Code : column.Label);
            if (IsPublic && column.IsFigure)
            {
                csv.Text(codeHeaders ? column.Code + "_flag" : column.Label + " (flag)");
            }
        }

        await csv.EndRowAsync(cancellationToken);
        foreach (var row in Rows)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                var cell = row[i];
                switch (cell)
                {
                    case DisclosedValue value:
                        csv.Number(value.Value);
                        break;
                    case DisclosedRate rate:
                        csv.Number(rate.Value);
                        break;
                    case decimal amount:
                        csv.Number(amount);
                        break;
                    case long or int:
                        csv.Number(Convert.ToInt64(cell, CultureInfo.InvariantCulture));
                        break;
                    default:
                        csv.Text(cell as string);
                        break;
                }

                if (IsPublic && Columns[i].IsFigure)
                {
                    csv.Text(Flag(cell));
                }
            }

            await csv.EndRowAsync(cancellationToken);
        }
    }

    /// <summary>The flag of a withheld cell, as the open-data files name it.</summary>
    public static string? Flag(object? cell) => cell switch
    {
        DisclosedValue { IsSuppressed: true } value => Snake(value.Reason),
        DisclosedRate { IsSuppressed: true } rate => Snake(rate.Reason),
        null => "complementary",
        _ => null,
    };

    private static string Snake(SuppressionReason reason) => reason switch
    {
        SuppressionReason.SmallCount => "small_count",
        SuppressionReason.SmallBase => "small_base",
        SuppressionReason.Dominance => "dominance",
        _ => "complementary",
    };
}
