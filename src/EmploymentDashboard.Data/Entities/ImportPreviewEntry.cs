using EmploymentDashboard.Data.Import;

namespace EmploymentDashboard.Data.Entities;

/// <summary>
/// A checked file waiting for its user's commit, kept in PostgreSQL so that any web instance can commit it: who
/// previewed it, which file, dataset and year, what the preview page showed, and until when it may be committed.
/// Its checked rows are in <see cref="ImportPreviewChunk"/>s. Nothing personal: the rows hold pseudonymous ids.
/// </summary>
public sealed class ImportPreviewEntry
{
    /// <summary>32 lower-case hex digits, random; the page's commit form carries it.</summary>
    public required string Token { get; init; }

    /// <summary>The account that made the preview; only it may read or commit it.</summary>
    public required string UserId { get; init; }

    /// <summary>The uploaded file's name without any path.</summary>
    public required string FileName { get; init; }

    public ImportDataset Dataset { get; init; }

    public int Year { get; init; }

    /// <summary>The preview's <see cref="ImportResult"/> as JSON (problems, counts, totals before and after).</summary>
    public required string Result { get; init; }

    /// <summary>True when the file had no problem and its checked rows are stored: only then can it be committed.</summary>
    public bool HasRows { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this the preview is never used, even before it is deleted.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public List<ImportPreviewChunk> Chunks { get; init; } = [];
}

/// <summary>One piece (about 1 MiB) of a preview's checked rows, in the order they were written.</summary>
public sealed class ImportPreviewChunk
{
    public required string Token { get; init; }

    public int Sequence { get; init; }

    public required byte[] Data { get; init; }
}
