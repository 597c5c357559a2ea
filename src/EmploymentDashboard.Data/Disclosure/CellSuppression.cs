namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Secondary suppression on a table laid out with its totals: row totals as a last column, column totals as a last row.</summary>
/// <remarks>
/// With row totals, every row of that layout (the total row too) is an equation "cells − total = 0"; with column
/// totals, every column (the total column too). Withheld figures are the unknowns of those equations, and the table is
/// protected when no unknown is fixed by them: no withheld figure can be worked out exactly by adding and subtracting
/// the figures shown. Bounds that come from counts being non-negative are not part of that guarantee.
/// </remarks>
internal static class CellSuppression
{
    /// <summary>
    /// Withholds complementary figures until the table is protected. While some withheld figure is fixed, the first
    /// such (row by row) gets the cheapest set of shown figures that puts it on a cycle of withheld figures. Then each
    /// complement that has turned out unneeded (later ones can cover for earlier) is shown again, largest first.
    /// </summary>
    public static void AddComplements(long[,] values, SuppressionReason[,] reasons, bool rowsAddUp, bool columnsAddUp)
    {
        if (!rowsAddUp && !columnsAddUp)
        {
            return;
        }

        var graph = new LineGraph(values, rowsAddUp, columnsAddUp);
        for (var exposed = graph.FirstDetermined(reasons); exposed >= 0; exposed = graph.FirstDetermined(reasons))
        {
            // Each round withholds at least one more figure, so the loop ends (at worst with everything withheld).
            var taken = graph.CheapestCycleThrough(exposed, reasons);
            if (taken.Count == 0)
            {
                throw new InvalidOperationException("A withheld figure is on a cycle of withheld figures yet was found fixed.");
            }

            foreach (var (row, column) in taken)
            {
                reasons[row, column] = SuppressionReason.Complementary;
            }
        }

        var complements = Entries(values)
            .Where(e => reasons[e.Row, e.Column] == SuppressionReason.Complementary)
            .OrderByDescending(e => values[e.Row, e.Column])
            .ToList();
        foreach (var (row, column) in complements)
        {
            reasons[row, column] = SuppressionReason.None;
            if (graph.FirstDetermined(reasons) >= 0)
            {
                reasons[row, column] = SuppressionReason.Complementary;
            }
        }
    }

    /// <summary>The withheld figures (row by row) that the equations of the shown totals fix. For tests.</summary>
    internal static List<(int Row, int Column)> Determined(long[,] values, SuppressionReason[,] reasons, bool rowsAddUp, bool columnsAddUp) =>
        rowsAddUp || columnsAddUp ? new LineGraph(values, rowsAddUp, columnsAddUp).Determined(reasons) : [];

    private static IEnumerable<(int Row, int Column)> Entries(long[,] values) =>
        from row in Enumerable.Range(0, values.GetLength(0))
        from column in Enumerable.Range(0, values.GetLength(1))
        select (row, column);

    /// <summary>
    /// The equations as a graph: a vertex per line that adds up to a total, an edge per figure between its row and its
    /// column; lines without an equation merge into one "ground" vertex that needs no balance. The solutions of the
    /// equations with every shown figure at 0 are then the cycles of withheld edges (the graph is bipartite, or a star
    /// around ground), so a withheld figure is fixed exactly when its edge lies on no such cycle: when it is a bridge.
    /// </summary>
    private sealed class LineGraph
    {
        private readonly long[,] _values;
        private readonly int _width;
        private readonly int[] _rowVertex;
        private readonly int[] _columnVertex;
        private readonly List<int>[] _incident;

        public LineGraph(long[,] values, bool rowsAddUp, bool columnsAddUp)
        {
            _values = values;
            var height = values.GetLength(0);
            _width = values.GetLength(1);
            var firstColumn = rowsAddUp ? height : 0;
            var ground = firstColumn + (columnsAddUp ? _width : 0);
            _rowVertex = [.. Enumerable.Range(0, height).Select(r => rowsAddUp ? r : ground)];
            _columnVertex = [.. Enumerable.Range(0, _width).Select(c => columnsAddUp ? firstColumn + c : ground)];
            _incident = [.. Enumerable.Range(0, ground + 1).Select(_ => new List<int>())];
            for (var entry = 0; entry < values.Length; entry++)
            {
                // A figure in no equation (both its lines without a total) can never be worked out: no edge.
                var (from, to) = Ends(entry);
                if (from != to)
                {
                    _incident[from].Add(entry);
                    _incident[to].Add(entry);
                }
            }
        }

        /// <summary>The first withheld figure, in entry order, that the equations fix, or −1.</summary>
        public int FirstDetermined(SuppressionReason[,] reasons) => Array.IndexOf(Bridges(reasons), true);

        public List<(int Row, int Column)> Determined(SuppressionReason[,] reasons) =>
            [.. Bridges(reasons).Select((isBridge, entry) => (isBridge, entry)).Where(x => x.isBridge).Select(x => Position(x.entry))];

        /// <summary>
        /// The shown figures to withhold so that <paramref name="exposed"/> lies on a cycle of withheld figures: the
        /// cheapest path between its two lines when withheld figures cost nothing and a shown figure costs, in order of
        /// importance, 1 if it is zero, its value, and 1 (Dijkstra; ties go to the earlier vertex and figure).
        /// </summary>
        /// <remarks>
        /// With totals one way only, this is the smallest non-zero shown figure of the line, the first on a tie (its
        /// total only if all else is zero); with both, the cheapest set that closes a cycle through rows and columns. Zeros come last because a withheld zero, known to be at least 0,
        /// leaves an exact one-sided bound on the figure it protects. They are never needed when the exposed figure is
        /// non-zero: the true values balance every line with an equation, so no cut of the graph is crossed by a single
        /// non-zero figure, and a route of non-zero figures always exists. Hence no zero is ever withheld.
        /// </remarks>
        public List<(int Row, int Column)> CheapestCycleThrough(int exposed, SuppressionReason[,] reasons)
        {
            var (start, target) = Ends(exposed);
            var cost = new (int Zeros, Int128 Sum, int Count)?[_incident.Length];
            var via = new int[_incident.Length];
            var settled = new bool[_incident.Length];
            cost[start] = (0, 0, 0);
            while (true)
            {
                var vertex = -1;
                for (var v = 0; v < cost.Length; v++)
                {
                    if (!settled[v] && cost[v] is { } c && (vertex < 0 || c.CompareTo(cost[vertex]!.Value) < 0))
                    {
                        vertex = v;
                    }
                }

                if (vertex == target)
                {
                    break;
                }

                // Unreachable: the lines of a figure are always joined by another route (other cells, or their totals).
                if (vertex < 0)
                {
                    throw new InvalidOperationException("No complementary figures can protect this table.");
                }

                settled[vertex] = true;
                foreach (var entry in _incident[vertex])
                {
                    var next = Other(entry, vertex);
                    if (entry == exposed || settled[next])
                    {
                        continue;
                    }

                    var step = cost[vertex]!.Value;
                    if (!IsWithheld(reasons, entry))
                    {
                        var value = ValueOf(entry);
                        step = (step.Zeros + (value == 0 ? 1 : 0), step.Sum + value, step.Count + 1);
                    }

                    if (cost[next] is not { } known || step.CompareTo(known) < 0)
                    {
                        cost[next] = step;
                        via[next] = entry;
                    }
                }
            }

            var taken = new List<(int Row, int Column)>();
            for (var vertex = target; vertex != start; vertex = Other(via[vertex], vertex))
            {
                if (!IsWithheld(reasons, via[vertex]))
                {
                    taken.Add(Position(via[vertex]));
                }
            }

            return taken;
        }

        /// <summary>Which withheld figures are bridges of the graph of withheld figures (Tarjan's low-link, by entry).</summary>
        private bool[] Bridges(SuppressionReason[,] reasons)
        {
            var bridges = new bool[_values.Length];
            var discovered = new int[_incident.Length];
            var low = new int[_incident.Length];
            var clock = 0;

            void Visit(int vertex, int arrivedBy)
            {
                discovered[vertex] = low[vertex] = ++clock;
                foreach (var entry in _incident[vertex])
                {
                    // Skip only the edge we came by, not its parallel twins: two figures joining the same lines form a cycle.
                    if (entry == arrivedBy || !IsWithheld(reasons, entry))
                    {
                        continue;
                    }

                    var next = Other(entry, vertex);
                    if (discovered[next] == 0)
                    {
                        Visit(next, entry);
                        low[vertex] = Math.Min(low[vertex], low[next]);
                        bridges[entry] = low[next] > discovered[vertex];
                    }
                    else
                    {
                        low[vertex] = Math.Min(low[vertex], discovered[next]);
                    }
                }
            }

            for (var vertex = 0; vertex < _incident.Length; vertex++)
            {
                if (discovered[vertex] == 0)
                {
                    Visit(vertex, -1);
                }
            }

            return bridges;
        }

        private (int From, int To) Ends(int entry) => (_rowVertex[entry / _width], _columnVertex[entry % _width]);

        private int Other(int entry, int vertex) => Ends(entry) is var (from, to) && from == vertex ? to : from;

        private (int Row, int Column) Position(int entry) => (entry / _width, entry % _width);

        private long ValueOf(int entry) => _values[entry / _width, entry % _width];

        private bool IsWithheld(SuppressionReason[,] reasons, int entry) => reasons[entry / _width, entry % _width] != SuppressionReason.None;
    }
}
