namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// A sparse matrix in compressed sparse row form: row r's entries are <c>Columns[RowStarts[r]..RowStarts[r+1]]</c>
/// with <c>Values</c> alongside, columns ascending. The compressed-column form of a matrix is this type over its transpose.
/// </summary>
public sealed class CompressedSparseMatrix
{
    private readonly int[] _rowStarts;
    private readonly int[] _columns;
    private readonly float[] _values;

    /// <summary>Wraps CSR arrays (not copied). Columns within a row must be ascending and unique.</summary>
    public CompressedSparseMatrix(int rowCount, int columnCount, int[] rowStarts, int[] columns, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (rowStarts.Length != rowCount + 1 || rowStarts[0] != 0 || rowStarts[rowCount] != columns.Length)
        {
            throw new ArgumentException($"rowStarts must have {rowCount + 1} entries from 0 to {columns.Length}.", nameof(rowStarts));
        }

        if (values.Length != columns.Length)
        {
            throw new ArgumentException($"values has {values.Length} entries but columns has {columns.Length}.", nameof(values));
        }

        RowCount = rowCount;
        ColumnCount = columnCount;
        _rowStarts = rowStarts;
        _columns = columns;
        _values = values;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeroCount => _columns.Length;

    /// <summary>Row start offsets (length RowCount + 1).</summary>
    public ReadOnlySpan<int> RowStarts => _rowStarts;

    /// <summary>Column index of each stored entry.</summary>
    public ReadOnlySpan<int> Columns => _columns;

    /// <summary>Value of each stored entry.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The column indexes of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> RowColumns(int row) => _columns.AsSpan(_rowStarts[row], _rowStarts[row + 1] - _rowStarts[row]);

    /// <summary>The values of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) => _values.AsSpan(_rowStarts[row], _rowStarts[row + 1] - _rowStarts[row]);

    /// <summary>The stored value at (row, column), or 0.</summary>
    public float this[int row, int column]
    {
        get
        {
            var found = RowColumns(row).BinarySearch(column);
            return found >= 0 ? _values[_rowStarts[row] + found] : 0f;
        }
    }

    /// <summary>The same matrix with every value mapped through <paramref name="map"/> (structure shared).</summary>
    public CompressedSparseMatrix MapValues(Func<float, float> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var values = new float[_values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = map(_values[i]);
        }

        return new CompressedSparseMatrix(RowCount, ColumnCount, _rowStarts, _columns, values);
    }

    /// <summary>The transpose (equivalently: this matrix in compressed-column form), by a counting sort.</summary>
    public CompressedSparseMatrix Transpose()
    {
        var starts = new int[ColumnCount + 1];
        foreach (var column in _columns)
        {
            starts[column + 1]++;
        }

        for (var c = 0; c < ColumnCount; c++)
        {
            starts[c + 1] += starts[c];
        }

        var next = starts[..^1];
        var rows = new int[_columns.Length];
        var values = new float[_columns.Length];
        for (var r = 0; r < RowCount; r++)
        {
            for (var k = _rowStarts[r]; k < _rowStarts[r + 1]; k++)
            {
                var slot = next[_columns[k]]++;
                rows[slot] = r;
                values[slot] = _values[k];
            }
        }

        return new CompressedSparseMatrix(ColumnCount, RowCount, starts, rows, values);
    }

    /// <summary>Builds a CSR matrix from coordinate triples; duplicates (same row and column) are summed.</summary>
    public static CompressedSparseMatrix FromCoordinates(
        int rowCount, int columnCount, ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, ReadOnlySpan<float> values)
    {
        if (rows.Length != columns.Length || rows.Length != values.Length)
        {
            throw new ArgumentException("rows, columns and values must have the same length.", nameof(values));
        }

        // Bucket by row (counting sort), then sort each row by column and merge duplicates.
        var counts = new int[rowCount + 1];
        foreach (var r in rows)
        {
            if ((uint)r >= (uint)rowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row index must be in [0, {rowCount}).");
            }

            counts[r + 1]++;
        }

        for (var r = 0; r < rowCount; r++)
        {
            counts[r + 1] += counts[r];
        }

        var next = counts[..^1];
        var bucketColumns = new int[rows.Length];
        var bucketValues = new float[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            if ((uint)columns[k] >= (uint)columnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), columns[k], $"Column index must be in [0, {columnCount}).");
            }

            var slot = next[rows[k]]++;
            bucketColumns[slot] = columns[k];
            bucketValues[slot] = values[k];
        }

        var starts = new int[rowCount + 1];
        var write = 0;
        for (var r = 0; r < rowCount; r++)
        {
            var from = counts[r];
            var length = counts[r + 1] - from;
            var rowColumns = bucketColumns.AsSpan(from, length);
            var rowValues = bucketValues.AsSpan(from, length);
            rowColumns.Sort(rowValues);
            for (var k = 0; k < length; k++)
            {
                if (write > starts[r] && bucketColumns[write - 1] == rowColumns[k])
                {
                    bucketValues[write - 1] += rowValues[k];
                }
                else
                {
                    bucketColumns[write] = rowColumns[k];
                    bucketValues[write] = rowValues[k];
                    write++;
                }
            }

            starts[r + 1] = write;
        }

        return new CompressedSparseMatrix(rowCount, columnCount, starts, bucketColumns[..write], bucketValues[..write]);
    }
}
