using System.Diagnostics;
using EmploymentDashboard.Data.Audit;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace EmploymentDashboard.Data.Import;

/// <summary>The figures the dashboards show for a region and year, as the preview compares them before and after an import.</summary>
public sealed record ImportTotals(
    int PeopleCovered,
    int SupportEvents,
    int Grants,
    decimal GrantAmountKzt,
    int QuotaPlacesSet,
    int QuotaPlacesFilled,
    int SpecialWorkplaces,
    int PendingApplications,
    int PeopleWithDisabilities,
    int Employed);

/// <summary>A region's totals today and after the import.</summary>
public sealed record ImportRegionTotals(RegionSummary Region, ImportTotals Before, ImportTotals After);

/// <summary>
/// Who imports which file, recorded in the audit trail with a committed import: the account (none for the
/// system, such as the demo loader), the file name and the client address when there was a request.
/// </summary>
public sealed record ImportAuthor(string? UserId, string? UserName, string FileName, string? ClientAddress = null);

/// <summary>
/// What an import found and did: the problems (rows and columns; none means the file can be committed), how
/// many rows would be or were added, updated and left unchanged, and the dashboards' totals before and after.
/// </summary>
public sealed record ImportResult(
    ImportDataset Dataset,
    int Year,
    IReadOnlyList<ImportProblem> Problems,
    bool ProblemsCut,
    long Rows,
    long Added,
    long Updated,
    long Unchanged,
    IReadOnlyList<ImportRegionTotals> Totals,
    IReadOnlyList<string> IgnoredColumns,
    bool Committed)
{
    public bool HasProblems => Problems.Count > 0;

    internal static ImportResult Refused(ImportDataset dataset, int year, IReadOnlyList<ImportProblem> problems, bool cut = false, IReadOnlyList<string>? ignored = null) =>
        new(dataset, year, problems, cut, 0, 0, 0, 0, [], ignored ?? [], false);
}

/// <summary>
/// Brings a file into the database, set-based: the rows are read one at a time (<see cref="ImportTable"/>),
/// checked cell by cell, pseudonymised, and sent by binary COPY into a temporary staging table; SQL then checks
/// them against each other and the database, counts what would change and merges them by their natural key
/// (<see cref="ImportDefinition"/>). Everything runs in one transaction: a preview rolls it back, a commit
/// commits it, and any problem or failure leaves nothing written. Imports hold one advisory lock from the merge
/// on, so two imports of overlapping files run one after the other and cannot both add the same row. The rollup
/// triggers keep the statistics in step inside the same transaction (ADR 0007).
/// </summary>
public sealed class DataImporter(DashboardDbContext db)
{
    /// <summary>Problems listed before the check stops reading: enough to see what is wrong, not a copy of a broken file.</summary>
    public const int MaxProblems = 10_000;

    /// <summary>The advisory lock every import takes before it looks at the database's rows.</summary>
    private const long ImportLock = 0x1D_0000_0010;

    private const int CommandTimeoutSeconds = 3600;

    /// <summary>
    /// Checks a file and works out what it would change, without writing anything. With <paramref name="staged"/>,
    /// also writes the checked, pseudonymised rows there (no IIN), for <see cref="CommitStagedAsync"/>.
    /// </summary>
    public Task<ImportResult> PreviewAsync(ImportDefinition definition, Stream file, ImportReferences references, Stream? staged, CancellationToken cancellationToken) =>
        FromFileAsync(definition, file, references, staged, author: null, cancellationToken);

    /// <summary>Checks a file and, when it has no problem, commits it at once (the command line and the benchmark).</summary>
    public Task<ImportResult> CommitFileAsync(ImportDefinition definition, Stream file, ImportReferences references, ImportAuthor author, CancellationToken cancellationToken) =>
        FromFileAsync(definition, file, references, staged: null, author, cancellationToken);

    /// <summary>
    /// Commits rows a preview checked and staged; the database checks are made again, as the data may have changed
    /// since. <paramref name="take"/> runs first in the commit's own transaction: it claims the preview there (so
    /// that no other commit can claim it until this one ends, and a rollback gives it back) and opens its rows, or
    /// returns null when the preview is gone (committed by another request, expired) — then nothing is done and the
    /// result is null.
    /// </summary>
    public async Task<ImportResult?> CommitStagedAsync(
        ImportDefinition definition,
        int year,
        Func<NpgsqlConnection, CancellationToken, Task<Stream?>> take,
        ImportAuthor author,
        CancellationToken cancellationToken)
    {
        Stream? staged = null;
        BinaryReader? reader = null;
        try
        {
            return await RunAsync(
                definition,
                year,
                async (connection, cancel) =>
                {
                    staged = await take(connection, cancel);
                    if (staged is null)
                    {
                        return null;
                    }

                    (var stagedDefinition, var stagedYear, reader) = StagedRows.Open(staged);
                    if (stagedDefinition != definition || stagedYear != year)
                    {
                        throw new InvalidDataException("The staged rows are not those of the preview.");
                    }

                    return StagedRows.Read(reader, definition);
                },
                () => ([], false),
                [],
                author,
                cancellationToken);
        }
        finally
        {
            reader?.Dispose();
            if (staged is not null)
            {
                await staged.DisposeAsync();
            }
        }
    }

    private async Task<ImportResult> FromFileAsync(ImportDefinition definition, Stream file, ImportReferences references, Stream? staged, ImportAuthor? author, CancellationToken cancellationToken)
    {
        var (table, openProblem) = ImportTable.Open(file);
        if (table is null)
        {
            return ImportResult.Refused(definition.Dataset, references.Year, [openProblem!]);
        }

        using (table)
        {
            var (ordinals, ignored, headerProblem) = ResolveHeader(definition, table.Header);
            if (headerProblem is not null)
            {
                return ImportResult.Refused(definition.Dataset, references.Year, [headerProblem], ignored: ignored);
            }

            var problems = new List<ImportProblem>();
            var cut = false;
            using var stagedWriter = staged is null ? null : StagedRows.Create(staged, definition, references.Year);
            IEnumerable<object?[]> Checked()
            {
                var cells = new ImportCells(ordinals, references, table.Kind, problems);
                foreach (var row in table.Rows())
                {
                    cells.Start(row);
                    var ragged = table.Kind == ImportFileKind.Csv ? row.FieldCount != table.Header.Count : row.FieldCount > table.Header.Count;
                    if (ragged)
                    {
                        cells.Problem(null, ImportProblemCode.RaggedRow, $"{row.FieldCount}/{table.Header.Count}");
                    }
                    else if (definition.Parse(cells) is { } values)
                    {
                        stagedWriter?.Write(values, definition);
                        yield return values;
                    }
                    else if (problems.Count == 0)
                    {
                        throw new InvalidOperationException("A row was refused without a problem.");
                    }

                    if (problems.Count >= MaxProblems)
                    {
                        cut = true;
                        yield break;
                    }
                }
            }

            try
            {
                var result = await RunAsync(definition, references.Year, (_, _) => Task.FromResult<IEnumerable<object?[]>?>(Checked()), () => (problems, cut), ignored, author, cancellationToken);
                stagedWriter?.Finish();
                return result ?? throw new InvalidOperationException("An import of a file always has rows to read.");
            }
            catch (ImportFileException ex)
            {
                return ImportResult.Refused(definition.Dataset, references.Year, [.. problems.Take(MaxProblems - 1), ex.Problem]);
            }
        }
    }

    /// <summary>Maps the header to the dataset's columns; says which dataset the header belongs to when it is another one's.</summary>
    internal static (Dictionary<string, int> Ordinals, List<string> Ignored, ImportProblem? Problem) ResolveHeader(ImportDefinition definition, IReadOnlyList<string> header)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var known = definition.Columns.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = HeaderName(header[i]);
            if (name.Length == 0)
            {
                continue;
            }

            if (ordinals.ContainsKey(name))
            {
                return (ordinals, ignored, new ImportProblem(1, name, ImportProblemCode.HeaderDuplicateColumn));
            }

            if (known.Contains(name))
            {
                ordinals[name] = i;
            }
            else
            {
                ignored.Add(header[i].Length <= 40 ? header[i] : header[i][..40] + "…");
            }
        }

        var missing = definition.Columns
            .Where(c => c.Required && !ordinals.ContainsKey(c.Code) && !definition.Columns.Any(a => a.Instead == c.Code && ordinals.ContainsKey(a.Code)))
            .Select(c => c.Code).ToList();
        if (missing.Count == 0)
        {
            return (ordinals, ignored, null);
        }

        var names = header.Select(HeaderName).ToHashSet(StringComparer.Ordinal);
        var other = ImportDefinition.All.FirstOrDefault(d => d != definition && d.Columns.Where(c => c.Required).All(c => names.Contains(c.Code)));
        return other is not null
            ? (ordinals, ignored, new ImportProblem(1, null, ImportProblemCode.OtherDatasetHeader, other.Code))
            : (ordinals, ignored, new ImportProblem(1, null, ImportProblemCode.HeaderMissingColumns, string.Join(", ", missing)));
    }

    private static string HeaderName(string cell) =>
        cell.Trim().Trim('\uFEFF').Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>
    /// The import itself, in one transaction. <paramref name="open"/> gives the rows once the transaction has begun
    /// (on its connection), or null to stop at once: then the transaction is rolled back and the result is null.
    /// </summary>
    private async Task<ImportResult?> RunAsync(
        ImportDefinition definition,
        int year,
        Func<NpgsqlConnection, CancellationToken, Task<IEnumerable<object?[]>?>> open,
        Func<(List<ImportProblem> Problems, bool Cut)> rowProblems,
        List<string> ignored,
        ImportAuthor? author,
        CancellationToken cancellationToken)
    {
        var phases = new ImportPhases();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var transaction = await ImportTransaction.BeginAsync(db, connection, cancellationToken);
            if (await open(connection, cancellationToken) is not { } rows)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            // The checks and the merge sort and hash the whole file at once: with the default 4 MB they spill to
            // temporary files (the merge's sort by row number and its anti-join did, at 200,000 rows). This
            // transaction only.
            await ExecuteAsync(connection, "SET LOCAL work_mem = '64MB'", cancellationToken);
            await ExecuteAsync(connection, $"CREATE TEMPORARY TABLE import_stage ({string.Join(", ", definition.Stage.Select(c => $"{c.Name} {SqlType(c.Type)}"))}) ON COMMIT DROP", cancellationToken);

            long count = 0;
            ImportResult? refused = null;
            var copy = $"COPY import_stage ({string.Join(", ", definition.Stage.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
            phases.Restart();
            var reading = TimeSpan.Zero;
            await using (var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken))
            {
                using var enumerator = rows.GetEnumerator();
                while (true)
                {
                    // The rows are read, checked and pseudonymised as the COPY asks for them: time the two apart.
                    var started = Stopwatch.GetTimestamp();
                    var more = enumerator.MoveNext();
                    reading += Stopwatch.GetElapsedTime(started);
                    if (!more)
                    {
                        break;
                    }

                    var values = enumerator.Current;
                    await importer.StartRowAsync(cancellationToken);
                    for (var i = 0; i < values.Length; i++)
                    {
                        await WriteAsync(importer, values[i], definition.Stage[i].Type, cancellationToken);
                    }

                    count++;
                }

                var (problems, cut) = rowProblems();
                if (problems.Count > 0)
                {
                    refused = ImportResult.Refused(definition.Dataset, year, problems, cut, ignored);
                }
                else if (count == 0)
                {
                    refused = ImportResult.Refused(definition.Dataset, year, [new ImportProblem(0, null, ImportProblemCode.HeaderOnly)], ignored: ignored);
                }
                else
                {
                    await importer.CompleteAsync(cancellationToken);
                }
            }

            phases.Lap("read, check and pseudonymise + COPY to staging");
            phases.Add("(of which read, check and pseudonymise)", reading);

            if (refused is not null)
            {
                // The COPY was cancelled when the importer was disposed without completing it.
                await transaction.RollbackAsync(cancellationToken);
                return refused;
            }

            await ExecuteAsync(connection, "ANALYZE import_stage", cancellationToken);
            phases.Lap("analyse staging");
            var found = new List<ImportProblem>();
            foreach (var sql in definition.CheckSql)
            {
                await using var command = Command(connection, $"{sql} ORDER BY 1 LIMIT {MaxProblems}");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add(new ImportProblem(reader.GetInt32(0), reader.GetString(1), Enum.Parse<ImportProblemCode>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }
            }

            phases.Lap("SQL checks");
            if (found.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return ImportResult.Refused(definition.Dataset, year, [.. found.OrderBy(p => p.Row).Take(MaxProblems)], found.Count > MaxProblems, ignored);
            }

            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({ImportLock})", cancellationToken);
            phases.Lap("wait for the import lock");
            var regions = await RegionsAsync(connection, cancellationToken);
            var before = new List<ImportTotals>();
            foreach (var region in regions)
            {
                before.Add(await TotalsAsync(region, year, cancellationToken));
            }

            phases.Lap("totals before");

            long added, updated;
            await using (var classify = Command(connection, definition.ClassifySql))
            await using (var reader = await classify.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (added, updated) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            phases.Lap("classify (added, updated)");
            for (var i = 0; i < definition.MergeSql.Count; i++)
            {
                await ExecuteAsync(connection, definition.MergeSql[i], cancellationToken);
                phases.Lap($"merge statement {i + 1} with its rollup triggers");
            }

            var totals = new List<ImportRegionTotals>();
            for (var i = 0; i < regions.Count; i++)
            {
                totals.Add(new ImportRegionTotals(regions[i], before[i], await TotalsAsync(regions[i], year, cancellationToken)));
            }

            phases.Lap("totals after");

            var result = new ImportResult(definition.Dataset, year, [], false, count, added, updated, count - added - updated, totals, ignored, author is not null);
            if (author is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                phases.Lap("rollback");
                LogPhases(definition, "preview", count, phases);
                return result;
            }

            await RecordAsync(connection, definition, year, author, result, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            phases.Lap("record and commit");
            LogPhases(definition, "commit", count, phases);
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private void LogPhases(ImportDefinition definition, string step, long rows, ImportPhases phases) =>
        db.GetService<ILoggerFactory>().CreateLogger<DataImporter>()
            .LogInformation("Import {Step} of {Rows} {Dataset} rows, phases: {Phases}", step, rows, definition.Code, phases.ToString());

    /// <summary>
    /// Writes the import's audit entry (kind import, action import.committed: who, the dataset, the file, the year
    /// and the rows added, updated and unchanged) and stamps the dataset as updated, so every instance's caches
    /// notice it. Both run in the import's own transaction: an import that rolls back leaves no entry.
    /// </summary>
    private static async Task RecordAsync(NpgsqlConnection connection, ImportDefinition definition, int year, ImportAuthor author, ImportResult result, CancellationToken cancellationToken)
    {
        await using (var log = Command(connection, $"""
            INSERT INTO audit_log (user_id, user_name, kind, action, subject, details, client_address)
            VALUES ($1, $2, '{AuditKinds.Import}', '{AuditActions.ImportCommitted}', $3,
                    jsonb_build_object('file', $4::text, 'year', $5::integer, 'rows', $6::bigint, 'added', $7::bigint, 'updated', $8::bigint, 'unchanged', $9::bigint),
                    $10)
            """))
        {
            log.Parameters.Add(new NpgsqlParameter { Value = (object?)author.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            log.Parameters.Add(new NpgsqlParameter { Value = (object?)author.UserName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            log.Parameters.Add(new NpgsqlParameter { Value = definition.Code });
            log.Parameters.Add(new NpgsqlParameter { Value = ShortFileName(author.FileName) });
            log.Parameters.Add(new NpgsqlParameter { Value = year });
            log.Parameters.Add(new NpgsqlParameter { Value = result.Rows });
            log.Parameters.Add(new NpgsqlParameter { Value = result.Added });
            log.Parameters.Add(new NpgsqlParameter { Value = result.Updated });
            log.Parameters.Add(new NpgsqlParameter { Value = result.Unchanged });
            log.Parameters.Add(new NpgsqlParameter { Value = (object?)author.ClientAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var stamp = Command(connection, "UPDATE dataset_info SET last_updated = greatest(now(), last_updated + interval '1 microsecond')"))
        {
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var first = Command(connection, """
            INSERT INTO dataset_info (is_demo, description, reporting_year, last_updated)
            SELECT false, 'Imported data', $1, now() WHERE NOT EXISTS (SELECT 1 FROM dataset_info)
            """);
        first.Parameters.Add(new NpgsqlParameter { Value = year });
        await first.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The file name without any path, at most 200 characters.</summary>
    public static string ShortFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        return file.Length <= 200 ? file : file[..200];
    }

    private async Task<List<RegionSummary>> RegionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        await using (var command = Command(connection, "SELECT DISTINCT d.region_id FROM import_stage s JOIN districts d ON d.id = s.district_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        return [.. (await db.GetRegionsAsync(cancellationToken)).Where(r => ids.Contains(r.Id))];
    }

    /// <summary>The region overview's own figures (the same queries the overview page asks), read inside the import's transaction.</summary>
    private async Task<ImportTotals> TotalsAsync(RegionSummary region, int year, CancellationToken cancellationToken)
    {
        var overview = await db.GetRegionOverviewAsync(region, year, cancellationToken);
        var grantMeasure = overview.EventsByMeasure.Where(m => m.Measure.Kind == MeasureKind.Grant).Sum(m => m.Events);
        return new ImportTotals(
            overview.PeopleCovered,
            overview.EventsByMeasure.Sum(m => m.Events) - grantMeasure,
            overview.Grants.Count,
            overview.Grants.AmountKzt,
            overview.Quotas.PlacesSet,
            overview.Quotas.PlacesFilled,
            overview.Quotas.SpecialWorkplaces,
            overview.Quotas.PendingApplications,
            overview.Population.PeopleWithDisabilities,
            overview.Population.Employed);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql) => new(sql, connection) { CommandTimeout = CommandTimeoutSeconds };

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string SqlType(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.Smallint => "smallint",
        NpgsqlDbType.Uuid => "uuid",
        NpgsqlDbType.Date => "date",
        NpgsqlDbType.Numeric => "numeric(14,2)",
        _ => "text",
    };

    private static ValueTask WriteAsync(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type, CancellationToken cancellationToken) => value switch
    {
        null => new ValueTask(importer.WriteNullAsync(cancellationToken)),
        int i => new ValueTask(importer.WriteAsync(i, type, cancellationToken)),
        short s => new ValueTask(importer.WriteAsync(s, type, cancellationToken)),
        Guid g => new ValueTask(importer.WriteAsync(g, type, cancellationToken)),
        DateOnly d => new ValueTask(importer.WriteAsync(d, type, cancellationToken)),
        decimal m => new ValueTask(importer.WriteAsync(m, type, cancellationToken)),
        string t => new ValueTask(importer.WriteAsync(t, type, cancellationToken)),
        _ => throw new InvalidOperationException($"No staging type for {value.GetType().Name}."),
    };
}

/// <summary>
/// The rows a preview checked, kept between the preview and the commit as a compact binary stream of their staging
/// values (the web app stores it in PostgreSQL, in chunks): pseudonymous ids, never an IIN, so nothing personal is
/// kept while the user decides.
/// </summary>
internal static class StagedRows
{
    private const string Magic = "EmploymentDashboard.Import.1";

    public static Writer Create(Stream stream, ImportDefinition definition, int year)
    {
        var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(definition.Code);
        writer.Write(year);
        return new Writer(writer);
    }

    public static (ImportDefinition Definition, int Year, BinaryReader Reader) Open(Stream stream)
    {
        var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Magic || ImportDefinition.Find(reader.ReadString()) is not { } definition)
        {
            throw new InvalidDataException("Not a staged import.");
        }

        return (definition, reader.ReadInt32(), reader);
    }

    public static IEnumerable<object?[]> Read(BinaryReader reader, ImportDefinition definition)
    {
        while (reader.ReadBoolean())
        {
            var values = new object?[definition.Stage.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = !reader.ReadBoolean() ? null : definition.Stage[i].Type switch
                {
                    NpgsqlDbType.Integer => reader.ReadInt32(),
                    NpgsqlDbType.Smallint => reader.ReadInt16(),
                    NpgsqlDbType.Uuid => new Guid(reader.ReadBytes(16)),
                    NpgsqlDbType.Date => DateOnly.FromDayNumber(reader.ReadInt32()),
                    NpgsqlDbType.Numeric => reader.ReadDecimal(),
                    _ => reader.ReadString(),
                };
            }

            yield return values;
        }
    }

    public sealed class Writer(BinaryWriter writer) : IDisposable
    {
        public void Write(object?[] values, ImportDefinition definition)
        {
            writer.Write(true);
            for (var i = 0; i < values.Length; i++)
            {
                writer.Write(values[i] is not null);
                switch (values[i])
                {
                    case int n: writer.Write(n); break;
                    case short s: writer.Write(s); break;
                    case Guid g: writer.Write(g.ToByteArray()); break;
                    case DateOnly d: writer.Write(d.DayNumber); break;
                    case decimal m: writer.Write(m); break;
                    case string t: writer.Write(t); break;
                    case null: break;
                    default: throw new InvalidOperationException($"No staging type for {definition.Stage[i].Name}.");
                }
            }
        }

        public void Finish()
        {
            writer.Write(false);
            writer.Flush();
        }

        public void Dispose() => writer.Dispose();
    }
}
