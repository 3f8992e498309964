namespace Referrals.Functions.Reports;

/// <summary>Small counts are hidden (shown as "&lt;5"), and so is enough else that no total reveals one:
/// in every line that sums to a shown total (a group's row with its total, a column with its total row),
/// a line with exactly one hidden cell hides its next smallest non-zero cell too, until no line has one.</summary>
internal static class Suppression
{
    /// <param name="values">rows = groups then the total row; columns = categories then, if <paramref name="rowTotal"/>, the row total.</param>
    public static bool[,] Apply(long[,] values, bool rowTotal, int below)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var hidden = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                hidden[r, c] = values[r, c] > 0 && values[r, c] < below;

        for (var changed = true; changed;)
        {
            changed = false;
            if (rowTotal && columns > 1)
                for (var r = 0; r < rows; r++)
                    changed |= Complete(Enumerable.Range(0, columns).Select(c => (r, c)).ToList(), values, hidden);
            if (rows > 1)
                for (var c = 0; c < columns; c++)
                    changed |= Complete(Enumerable.Range(0, rows).Select(r => (r, c)).ToList(), values, hidden);
        }
        return hidden;
    }

    private static bool Complete(List<(int R, int C)> line, long[,] values, bool[,] hidden)
    {
        if (line.Count(p => hidden[p.R, p.C]) != 1) return false;
        var next = line.Where(p => !hidden[p.R, p.C] && values[p.R, p.C] > 0).OrderBy(p => values[p.R, p.C]).Cast<(int, int)?>().FirstOrDefault();
        if (next is not { } cell) return false;
        hidden[cell.Item1, cell.Item2] = true;
        return true;
    }
}
