using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Data.Csv;

/// <summary>
/// Writes an <see cref="ExportTable"/> as a minimal Office Open XML workbook (one sheet, inline strings,
/// numbers as numbers), the same cells as the CSV. Aggregate tables are small, so the file is built in memory.
/// Text that looks like a formula stays text: cells are never written as formulas.
/// </summary>
public static class XlsxWriter
{
    public static byte[] Write(ExportTable table, bool codeHeaders)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Add(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            Add(zip, "xl/worksheets/sheet1.xml", Sheet(table, codeHeaders));
        }

        return buffer.ToArray();
    }

    private static string Sheet(ExportTable table, bool codeHeaders)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var header = new List<object?>();
        foreach (var column in table.Columns)
        {
            header.Add(codeHeaders ? column.Code : column.Label);
            if (table.IsPublic && column.IsFigure)
            {
                header.Add(codeHeaders ? column.Code + "_flag" : column.Label + " (flag)");
            }
        }

        Row(xml, header);
        foreach (var row in table.Rows)
        {
            var cells = new List<object?>();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                cells.Add(row[i]);
                if (table.IsPublic && table.Columns[i].IsFigure)
                {
                    cells.Add(ExportTable.Flag(row[i]));
                }
            }

            Row(xml, cells);
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static void Row(StringBuilder xml, IEnumerable<object?> cells)
    {
        xml.Append("<row>");
        foreach (var cell in cells)
        {
            var number = cell switch
            {
                DisclosedValue v => (decimal?)v.Value,
                DisclosedRate r => r.Value,
                decimal d => d,
                long l => l,
                int i => i,
                _ => null,
            };
            if (number is { } n)
            {
                xml.Append("<c><v>").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</v></c>");
            }
            else if (cell is string text && text.Length > 0)
            {
                xml.Append("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">").Append(SecurityElement.Escape(text)).Append("</t></is></c>");
            }
            else
            {
                xml.Append("<c/>");
            }
        }

        xml.Append("</row>");
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(content.Trim());
        stream.Write(bytes);
    }
}
