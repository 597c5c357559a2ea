namespace EmploymentDashboard.Data.Import;

/// <summary>What is wrong with a file or one of its cells. The web layer words each code in the user's language.</summary>
public enum ImportProblemCode
{
    // The file as a whole.
    FileEmpty,
    FileTooLarge,
    FileBinary,
    FileNotUtf8,
    FileUnreadable,
    HeaderOnly,
    HeaderMissingColumns,
    HeaderDuplicateColumn,
    OtherDatasetHeader,
    WorkbookSeveralSheets,
    WorkbookMergedCells,
    RecordTooLarge,
    TooManyProblems,

    // One row or cell.
    RaggedRow,
    Required,
    NotWholeNumber,
    NotNumber,
    NotDate,
    TooLong,
    FormulaText,
    UnknownDistrict,
    UnknownMeasure,
    GrantMeasureInEvents,
    UnknownGroup,
    UnknownSex,
    UnknownSector,
    UnknownStatus,
    UnknownImpairment,
    IinFormat,
    IinCheckDigit,
    IinAndParticipantId,
    ParticipantIdFormat,
    BinFormat,
    BinCheckDigit,
    DateOutsidePeriod,
    DateInFuture,
    YearOutsidePeriod,
    Negative,
    NotPositive,
    OutOfRange,
    FilledAboveSet,
    WorkingAgeAbovePeople,
    EmployedAboveWorkingAge,
    DuplicateInFile,
    PersonDiffers,
    EmployerDiffers,
    UnknownEmployer,
    SpecialIncomplete,
}

/// <summary>
/// One problem: the row (as a spreadsheet numbers it, the header being row 1; 0 for the file as a whole), the
/// column code, what is wrong, and a detail (a value or a row number) that never holds a personal number.
/// </summary>
public sealed record ImportProblem(long Row, string? Column, ImportProblemCode Code, string? Detail = null);
