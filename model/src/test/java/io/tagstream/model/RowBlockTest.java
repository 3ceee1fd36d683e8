package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowBlockTest {

    @Test
    void rowsStartAtOffsetPlusRowTimesStride() {
        float[] qkv = new float[2 + 4 * 6];                       // 2 values before 4 rows of [q q k k v v]
        RowBlock rows = RowBlock.of(qkv, 2, 4, 6);
        assertTrue(rows.packed());
        assertEquals(2, rows.start(0));
        assertEquals(20, rows.start(3));
        RowBlock queries = rows.slice(1, 2).columns(2);           // rows 1 and 2, their first 2 values
        assertEquals(new RowBlock(qkv, 8, 2, 2, 6), queries);
        assertEquals(14, queries.start(1));
        assertFalse(queries.packed());
    }

    @Test
    void aBlockMustFitItsArray() {
        float[] data = new float[12];
        assertEquals(3, RowBlock.of(data, 0, 3, 4).rows());       // exactly fits
        assertEquals(0, RowBlock.of(data, 12, 0, 4).rows());      // empty at the end
        new RowBlock(data, 0, 2, 4, 8);                           // the last row ends at 12: fits
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> RowBlock.of(data, 1, 3, 4));
        assertEquals("row block of 3 rows x 4 (stride 4) from 1 does not fit an array of 12", tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RowBlock(data, 0, 2, 4, 3)); // stride below width
        assertThrows(IllegalArgumentException.class, () -> RowBlock.of(data, -1, 1, 4));
    }
}
