namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The note that public counts are perturbed (ADR 0010) is said once a page, at its foot, when the page showed a
/// public table: under every figure it made each dashboard a screen longer (issue 13). A table's footer marks the
/// request; the layout, rendered after the page, writes the note.
/// </summary>
public static class PerturbedNote
{
    public const string Key = "perturbed-note";
}
