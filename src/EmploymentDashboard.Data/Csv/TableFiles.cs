using EmploymentDashboard.Data.Tables;

namespace EmploymentDashboard.Data.Csv;

/// <summary>
/// A table of the table model as the rows of a file: a header row, then one row per table row, the row's
/// header first. For the public every figure column is followed by a "_flag" column saying why a value is
/// withheld ("small_count", "complementary", …), empty when it is shown. CSV and XLSX both write these rows,
/// so the two files and the page agree because they all come from one <see cref="StatTable"/>.
/// </summary>
public static class TableFiles
{
    /// <summary>The header row: column codes (stable) or labels in the reader's language.</summary>
    public static IReadOnlyList<string> Header(StatTable table, Func<Label, string> text, bool codeHeaders)
    {
        var header = new List<string> { codeHeaders ? table.RowCode : text(table.RowHeader) };
        foreach (var column in table.Columns)
        {
            var label = column.Group is null ? text(column.Header) : $"{text(column.Group)} — {text(column.Header)}";
            header.Add(codeHeaders ? column.FileCode : label);
            if (table.IsPublic && column.IsFigure)
            {
                header.Add(codeHeaders ? column.FileCode + "_flag" : label + " (flag)");
            }
        }

        return header;
    }

    /// <summary>The cells of a row: the row header as text, then each cell as a number (decimal), text (string) or blank (null), with flags for the public.</summary>
    public static IReadOnlyList<object?> Cells(StatTable table, StatRow row, Func<Label, string> text)
    {
        var cells = new List<object?> { text(row.Header) };
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var cell = row.Cells[i];
            cells.Add(cell.Text is { } words ? text(words) : cell.Number);
            if (table.IsPublic && table.Columns[i].IsFigure)
            {
                cells.Add(cell.Flag);
            }
        }

        return cells;
    }

    public static async Task WriteCsvAsync(StatTable table, CsvWriter csv, Func<Label, string> text, bool codeHeaders, CancellationToken cancellationToken)
    {
        foreach (var header in Header(table, text, codeHeaders))
        {
            csv.Text(header);
        }

        await csv.EndRowAsync(cancellationToken);
        foreach (var row in table.Rows)
        {
            foreach (var cell in Cells(table, row, text))
            {
                if (cell is decimal number)
                {
                    csv.Number(number);
                }
                else
                {
                    csv.Text(cell as string);
                }
            }

            await csv.EndRowAsync(cancellationToken);
        }
    }
}
