using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EmploymentDashboard.Data.Csv;

namespace EmploymentDashboard.Data.Import;

/// <summary>Empty templates of a dataset: the header row of column codes, as CSV (UTF-8 with BOM) or as an XLSX workbook of one sheet.</summary>
public static class ImportTemplates
{
    public static byte[] Csv(ImportDefinition definition)
    {
        using var stream = new MemoryStream();
        var writer = new CsvWriter(stream, CsvFormat.Comma);
        foreach (var column in definition.Columns)
        {
            writer.Text(column.Code);
        }

        writer.EndRowAsync().AsTask().GetAwaiter().GetResult();
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return stream.ToArray();
    }

    public static byte[] Xlsx(ImportDefinition definition)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var header = new Row { RowIndex = 1 };
            foreach (var column in definition.Columns)
            {
                header.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(column.Code)) });
            }

            sheetPart.Worksheet = new Worksheet(new SheetData(header));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = definition.Code }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }
}
