using Microsoft.VisualBasic.FileIO;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Reads CSV with .NET's own RFC 4180 parser (TextFieldParser), independent of the app's writer.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text, string delimiter = ",")
    {
        using var parser = new TextFieldParser(new StringReader(text))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(delimiter);
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields() ?? []);
        }

        return rows;
    }
}
