package io.tagstream.model;

/**
 * A {@link CallLayout} of tiles, the rows as the columns of the product ({@link Nd4jGemm.Orientation#ROWS_AS_COLUMNS}):
 * every call has exactly {@code tile * t} rows, for {@code t} from 1 to {@code maxTiles}, and the real rows sit in
 * the slots {@code [firstSlot, firstSlot + slots)} of each tile of {@code tile} rows; every other row of the call is
 * zero.
 *
 * @param tile      rows per tile
 * @param firstSlot first real row of a tile
 * @param slots     real rows per tile
 * @param maxTiles  tiles of the largest call
 */
public record SlotLayout(int tile, int firstSlot, int slots, int maxTiles) implements CallLayout {

    /**
     * Six of every twelve rows, in calls of up to 21 tiles (252 rows, 126 of them real). OpenBLAS's single-thread
     * SGEMM works through the rows (its N) in panels of 12 whose halves take two different kernel paths, and a tail
     * that is not a whole panel takes others: here every real row is in the second half of a whole panel.
     */
    public static final SlotLayout HALF_PANELS = new SlotLayout(12, 6, 6, 21);

    /** Calls of exactly eight rows, all real but for the zero padding of the last call. */
    public static final SlotLayout BLOCKS_OF_8 = new SlotLayout(8, 0, 8, 1);

    /** Calls of exactly four rows. */
    public static final SlotLayout BLOCKS_OF_4 = new SlotLayout(4, 0, 4, 1);

    /** A call per row. */
    public static final SlotLayout SINGLE_ROWS = new SlotLayout(1, 0, 1, 1);

    public SlotLayout {
        if (tile < 1 || slots < 1 || firstSlot < 0 || firstSlot + slots > tile || maxTiles < 1) {
            throw new IllegalArgumentException("a slot layout needs 1 <= slots <= tile - firstSlot and at least one "
                    + "tile, got tile " + tile + ", slots [" + firstSlot + ", " + (firstSlot + slots) + "), "
                    + maxTiles + " tiles");
        }
    }

    @Override
    public Nd4jGemm.Orientation orientation() {
        return Nd4jGemm.Orientation.ROWS_AS_COLUMNS;
    }

    @Override
    public int capacity() {
        return slots * maxTiles;
    }

    @Override
    public int maxCallRows() {
        return tile * maxTiles;
    }

    @Override
    public int callRows(int rows) {
        return tilesFor(rows) * tile;
    }

    @Override
    public int callRow(int rows, int i) {
        return callRow(i);
    }

    /** Tiles of the call that holds {@code rows} real rows (at most {@link #capacity()}). */
    public int tilesFor(int rows) {
        return (rows + slots - 1) / slots;
    }

    /** The row of a call that holds real row {@code i}. */
    public int callRow(int i) {
        return i / slots * tile + firstSlot + i % slots;
    }

    @Override
    public String describe() {
        if (slots == tile && maxTiles == 1) {
            return "calls of exactly " + tile + " rows";
        }
        return slots + " of every " + tile + " rows, calls of up to " + tile * maxTiles;
    }
}
