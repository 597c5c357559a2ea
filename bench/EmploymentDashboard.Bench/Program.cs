using EmploymentDashboard.Bench;
using EmploymentDashboard.Bench.DataSet;
using EmploymentDashboard.Bench.Pages;
using EmploymentDashboard.Bench.Soak;

// The benchmark program. Modes:
//   generate --connection CS --placements N [--seed S]   loads the national data set into a migrated, empty database
//   pages --web-dll DLL --connection CS ...               page-load benchmark against the naive SQL (bench/pages.sh)
//   [export] --url URL --pid PID ...                      record export against psql's \copy (bench/run.sh)
//   soak --web-dll DLL --connection CS ...                10 minutes of mixed load with a database restart (bench/soak.sh)
//   ptable [--max-noise D --threshold k --variance V]     writes the cell key method's p-table (ADR 0010)
// The scripts prepare the database and pass every option; see docs/benchmarks.md.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return args.FirstOrDefault() switch
    {
        "generate" => await GenerateCommand.RunAsync(args[1..], cancel.Token),
        "pages" => await PagesCommand.RunAsync(args[1..], cancel.Token),
        "export" => await ExportCommand.RunAsync(args[1..], cancel.Token),
        "soak" => await SoakCommand.RunAsync(args[1..], cancel.Token),
        "ptable" => PTableCommand.Run(args[1..]),
        _ => await ExportCommand.RunAsync(args, cancel.Token),
    };
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("[bench] cancelled");
    return 130;
}
