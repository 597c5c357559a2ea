using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using EmploymentDashboard.Data.Tables;

namespace EmploymentDashboard.Data.Csv;

/// <summary>
/// Writes a <see cref="StatTable"/> as a minimal Office Open XML workbook (one sheet, inline strings,
/// numbers as numbers), the same cells as the CSV. Aggregate tables are small, so the file is built in memory.
/// Text that looks like a formula stays text: cells are never written as formulas.
/// </summary>
public static class XlsxWriter
{
    public static byte[] Write(StatTable table, Func<Label, string> text, bool codeHeaders)
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
            Add(zip, "xl/worksheets/sheet1.xml", Sheet(table, text, codeHeaders));
        }

        return buffer.ToArray();
    }

    private static string Sheet(StatTable table, Func<Label, string> text, bool codeHeaders)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        Row(xml, TableFiles.Header(table, text, codeHeaders));
        foreach (var row in table.Rows)
        {
            Row(xml, TableFiles.Cells(table, row, text));
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static void Row(StringBuilder xml, IEnumerable<object?> cells)
    {
        xml.Append("<row>");
        foreach (var cell in cells)
        {
            if (cell is decimal n)
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
