package io.tagstream.model;

/**
 * A {@link CallLayout} with the rows as the rows of the product ({@link Nd4jGemm.Orientation#ROWS_AS_ROWS}, BLAS M):
 * a call has a whole number of tiles of {@code tile} rows, at least two and at most {@code maxTiles}; its first and
 * last {@code margin} rows are zero and the real rows fill the rows between. A call of at most {@code directRows}
 * real rows (0: none) is made as it is, with no zero rows.
 *
 * <p>Why (measured with ND4J's OpenBLAS, one thread, on this project's 2-core AMD EPYC machine; {@link RowInvariance}
 * checks it wherever the encoder runs): with the rows as BLAS M, a row in the first or last 8 rows of a call of 16 t
 * rows (t &gt;= 2) takes one kernel path, every row between them another, the same as a call of that row alone; calls
 * of up to 12 rows take that path for every row (for the 96-wide shapes of the default model; not for all 128-wide
 * ones, so {@link #BETWEEN_MARGINS} has no direct calls). Calls above 256 rows are cut into blocks that start other
 * paths. So a call of 256 rows holds 240 real ones, against 126 in {@link SlotLayout#HALF_PANELS}.
 *
 * @param tile       rows per tile
 * @param margin     zero rows at each end of a call
 * @param maxTiles   tiles of the largest call
 * @param directRows calls of at most this many real rows are made as they are (0: never)
 */
public record MarginLayout(int tile, int margin, int maxTiles, int directRows) implements CallLayout {

    /** Calls of 32 to 256 rows, the real rows between zero margins of 8; up to 12 rows, a call of just those rows. */
    public static final MarginLayout BETWEEN_MARGINS_SMALL_AS_THEY_ARE = new MarginLayout(16, 8, 16, 12);

    /** Calls of 32 to 256 rows, the real rows between zero margins of 8, however few. */
    public static final MarginLayout BETWEEN_MARGINS = new MarginLayout(16, 8, 16, 0);

    public MarginLayout {
        if (tile < 1 || margin < 0 || maxTiles < 2 || tile * maxTiles <= 2 * margin || directRows < 0
                || directRows > tile * maxTiles - 2 * margin) {
            throw new IllegalArgumentException("a margin layout needs tiles of 1 row or more, 2 or more tiles, "
                    + "margins that leave rows between them and at most that many direct rows; got tile " + tile
                    + ", margin " + margin + ", " + maxTiles + " tiles, direct up to " + directRows);
        }
    }

    @Override
    public Nd4jGemm.Orientation orientation() {
        return Nd4jGemm.Orientation.ROWS_AS_ROWS;
    }

    @Override
    public int capacity() {
        return maxCallRows() - 2 * margin;
    }

    @Override
    public int maxCallRows() {
        return tile * maxTiles;
    }

    @Override
    public int callRows(int rows) {
        if (rows <= directRows) {
            return rows;
        }
        int tiles = Math.max(2, (rows + 2 * margin + tile - 1) / tile);
        return tiles * tile;
    }

    @Override
    public int callRow(int rows, int i) {
        return rows <= directRows ? i : margin + i;
    }

    @Override
    public String describe() {
        return "rows as BLAS M, calls of " + 2 * tile + "-" + maxCallRows() + " rows with " + margin
                + " zero rows at each end" + (directRows > 0 ? ", calls of up to " + directRows + " as they are" : "");
    }
}
