using System.Globalization;
using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Data.Import;

/// <summary>
/// Reads the cells of one row by column code into typed values, recording a problem (row, column, code) for
/// each cell that is missing or wrong. Values are accepted the way real files write them: decimal comma or
/// point, spaces as thousands separators, dates as dd.MM.yyyy or ISO (or an Excel date serial in XLSX).
/// </summary>
internal sealed class ImportCells(IReadOnlyDictionary<string, int> ordinals, ImportReferences references, ImportFileKind kind, List<ImportProblem> problems)
{
    private ImportRow _row;
    private int _problemsBefore;

    public ImportReferences References => references;

    public long RowNumber => _row.Number;

    public bool HasProblems => problems.Count > _problemsBefore;

    public void Start(ImportRow row)
    {
        _row = row;
        _problemsBefore = problems.Count;
    }

    public void Problem(string? column, ImportProblemCode code, string? detail = null) => problems.Add(new ImportProblem(_row.Number, column, code, detail));

    /// <summary>The trimmed cell, or null when the column is absent or the cell empty (a problem when required).</summary>
    public string? Raw(string column, bool required)
    {
        var value = ordinals.TryGetValue(column, out var i) && i < _row.Cells.Length ? _row.Cells[i] : string.Empty;
        if (value.Length > 0)
        {
            return value;
        }

        if (required)
        {
            Problem(column, ImportProblemCode.Required);
        }

        return null;
    }

    public string? Text(string column, bool required, int maxLength)
    {
        var value = Raw(column, required);
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            Problem(column, ImportProblemCode.TooLong, maxLength.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        if (Csv.CsvWriter.IsFormulaLike(value))
        {
            Problem(column, ImportProblemCode.FormulaText);
            return null;
        }

        return value;
    }

    public decimal? Number(string column, bool required, bool whole)
    {
        var value = Raw(column, required);
        if (value is null)
        {
            return null;
        }

        var text = value.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202F", string.Empty, StringComparison.Ordinal);
        text = text.Contains('.', StringComparison.Ordinal) ? text.Replace(",", string.Empty, StringComparison.Ordinal) : text.Replace(',', '.');
        if (text.Length > 20 || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            Problem(column, whole ? ImportProblemCode.NotWholeNumber : ImportProblemCode.NotNumber, Shorten(value));
            return null;
        }

        if (whole && number != decimal.Truncate(number))
        {
            Problem(column, ImportProblemCode.NotWholeNumber, Shorten(value));
            return null;
        }

        return number;
    }

    /// <summary>A whole number in [min, max]; below zero is reported as negative, otherwise out of range.</summary>
    public int? Whole(string column, bool required, int min, int max)
    {
        var number = Number(column, required, whole: true);
        if (number is not { } n)
        {
            return null;
        }

        if (n < min || n > max)
        {
            Problem(column, n < 0 ? ImportProblemCode.Negative : n == 0 && min > 0 ? ImportProblemCode.NotPositive : ImportProblemCode.OutOfRange, Shorten(n.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return (int)n;
    }

    /// <summary>An amount of money: above zero, at most two decimals.</summary>
    public decimal? Amount(string column)
    {
        var number = Number(column, required: true, whole: false);
        if (number is not { } n)
        {
            return null;
        }

        if (n <= 0)
        {
            Problem(column, n < 0 ? ImportProblemCode.Negative : ImportProblemCode.NotPositive, Shorten(n.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        if (n >= 1_000_000_000_000m || decimal.Round(n, 2) != n)
        {
            Problem(column, ImportProblemCode.OutOfRange, Shorten(n.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return n;
    }

    /// <summary>A date in the reporting year and not after today.</summary>
    public DateOnly? Date(string column)
    {
        var value = Raw(column, required: true);
        if (value is null)
        {
            return null;
        }

        DateOnly date;
        if (DateOnly.TryParseExact(value, ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
        }
        else if (kind == ImportFileKind.Xlsx && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }
        else if (value.Length > 10 && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withTime) && withTime.TimeOfDay == TimeSpan.Zero)
        {
            date = DateOnly.FromDateTime(withTime);
        }
        else
        {
            Problem(column, ImportProblemCode.NotDate, Shorten(value));
            return null;
        }

        if (date > references.Today)
        {
            Problem(column, ImportProblemCode.DateInFuture, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return null;
        }

        if (date.Year != references.Year)
        {
            Problem(column, ImportProblemCode.DateOutsidePeriod, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return null;
        }

        return date;
    }

    /// <summary>A year column of a yearly dataset: must be the reporting year.</summary>
    public int? ReportingYear(string column)
    {
        var year = Whole(column, required: true, 1900, 9999);
        if (year is { } y && y != references.Year)
        {
            Problem(column, ImportProblemCode.YearOutsidePeriod, y.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        return year;
    }

    public int? District(string column)
    {
        var value = Raw(column, required: true);
        if (value is null)
        {
            return null;
        }

        var id = references.District(value);
        if (id is null)
        {
            Problem(column, ImportProblemCode.UnknownDistrict, Shorten(value));
        }

        return id;
    }

    /// <summary>A support measure other than the business grant (grants are their own dataset).</summary>
    public int? EventMeasure(string column)
    {
        var value = Raw(column, required: true);
        if (value is null)
        {
            return null;
        }

        if (references.Measure(value) is not { } measure)
        {
            Problem(column, ImportProblemCode.UnknownMeasure, Shorten(value));
            return null;
        }

        if (measure.Kind == MeasureKind.Grant)
        {
            Problem(column, ImportProblemCode.GrantMeasureInEvents, Shorten(value));
            return null;
        }

        return measure.Id;
    }

    public short? Group(string column, bool required)
    {
        var value = Raw(column, required);
        if (value is null)
        {
            return null;
        }

        // Roman numerals are often typed with the Cyrillic (and Kazakh) letter І.
        short? group = value.Replace('І', 'I').Replace('і', 'I').ToUpperInvariant() switch
        {
            "1" or "I" => 1,
            "2" or "II" => 2,
            "3" or "III" => 3,
            _ => null,
        };
        if (group is null)
        {
            Problem(column, ImportProblemCode.UnknownGroup, Shorten(value));
        }

        return group;
    }

    public string? Sex(string column) => Choice(column, ImportProblemCode.UnknownSex, _sexes);

    public string? Sector(string column) => Choice(column, ImportProblemCode.UnknownSector, _sectors);

    public string? QuotaStatus(string column) => Choice(column, ImportProblemCode.UnknownStatus, _statuses);

    public string? Impairment(string column, bool required) => Choice(column, ImportProblemCode.UnknownImpairment, _impairments, required);

    /// <summary>
    /// The participant of a row: the pseudonym of its IIN or, in a row without an IIN, the participant id the
    /// file gives (a file without IINs, such as the demo files). A row with both is refused: they could disagree.
    /// </summary>
    public Guid? Person(string iinColumn, string idColumn)
    {
        var id = Raw(idColumn, required: false);
        if (id is null)
        {
            return Participant(iinColumn);
        }

        if (Raw(iinColumn, required: false) is not null)
        {
            Problem(idColumn, ImportProblemCode.IinAndParticipantId);
            return null;
        }

        if (Guid.TryParseExact(id, "D", out var participant) && participant != Guid.Empty)
        {
            return participant;
        }

        Problem(idColumn, ImportProblemCode.ParticipantIdFormat, Shorten(id));
        return null;
    }

    /// <summary>The pseudonymous participant id of the IIN in the column; the IIN itself goes no further.</summary>
    public Guid? Participant(string column)
    {
        var value = Raw(column, required: true);
        if (value is null)
        {
            return null;
        }

        switch (IdentificationNumber.CheckIin(value))
        {
            case IdentificationNumber.Check.BadFormat:
                Problem(column, ImportProblemCode.IinFormat);
                return null;
            case IdentificationNumber.Check.BadCheckDigit:
                Problem(column, ImportProblemCode.IinCheckDigit);
                return null;
            default:
                return references.Pseudonym.IdOf(value);
        }
    }

    public string? Bin(string column, bool required)
    {
        var value = Raw(column, required);
        if (value is null)
        {
            return null;
        }

        switch (IdentificationNumber.CheckBin(value))
        {
            case IdentificationNumber.Check.BadFormat:
                Problem(column, ImportProblemCode.BinFormat, Shorten(value));
                return null;
            case IdentificationNumber.Check.BadCheckDigit:
                Problem(column, ImportProblemCode.BinCheckDigit, Shorten(value));
                return null;
            default:
                return value;
        }
    }

    private static readonly Dictionary<string, string> _sexes = Choices(
        (nameof(Entities.Sex.Female), ["female", "f", "ж", "жен", "женский", "ә", "әйел"]),
        (nameof(Entities.Sex.Male), ["male", "m", "м", "муж", "мужской", "е", "ер"]));

    private static readonly Dictionary<string, string> _sectors = Choices(
        [.. Enum.GetNames<BusinessSector>().Select(n => (n, new[] { n }))]);

    private static readonly Dictionary<string, string> _statuses = Choices(
        (nameof(Entities.QuotaStatus.InForce), ["in_force", "inforce"]),
        (nameof(Entities.QuotaStatus.ApplicationPending), ["pending", "application_pending", "applicationpending"]));

    private static readonly Dictionary<string, string> _impairments = Choices(
        [.. Enum.GetNames<ImpairmentType>().Select(n => (n, new[] { n }))]);

    private static Dictionary<string, string> Choices(params (string Stored, string[] Spellings)[] choices)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (stored, spellings) in choices)
        {
            foreach (var spelling in spellings)
            {
                map[spelling] = stored;
            }
        }

        return map;
    }

    private string? Choice(string column, ImportProblemCode code, Dictionary<string, string> choices, bool required = true)
    {
        var value = Raw(column, required);
        if (value is null)
        {
            return null;
        }

        if (choices.TryGetValue(value, out var stored))
        {
            return stored;
        }

        Problem(column, code, Shorten(value));
        return null;
    }

    /// <summary>A value echoed in a message is cut short, so a huge cell never floods the report.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
