package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBlockTest {

    @Test
    void blocksAreAlignedToAbsoluteFrameIndices() {
        assertEquals(0, ContextBlock.startOf(0));
        assertEquals(0, ContextBlock.startOf(ContextBlock.FRAMES - 1));
        assertEquals(ContextBlock.FRAMES, ContextBlock.startOf(ContextBlock.FRAMES));
        assertEquals(5L * ContextBlock.FRAMES, ContextBlock.startOf(5L * ContextBlock.FRAMES + 3));
        assertEquals(-ContextBlock.FRAMES, ContextBlock.startOf(-1));
    }

    @Test
    void aBlockComesBackFromItsBytesBitForBit() {
        float[] a = {1.5f, -0f, Float.MIN_VALUE, 3e38f};
        float[] b = {Float.NaN, 2f, -7.25f, 0.1f};
        ContextBlock block = new ContextBlock(List.of(new ContextFrame(17, a), new ContextFrame(19, b)));
        byte[] bytes = block.toBytes();
        assertEquals(8 + 2 * (8 + 4 * 4), bytes.length);
        ContextBlock back = ContextBlock.fromBytes(bytes);
        assertEquals(16, back.start());
        assertEquals(List.of(17L, 19L), back.frames().stream().map(ContextFrame::index).toList());
        for (int i = 0; i < 2; i++) {
            float[] want = block.frames().get(i).features();
            float[] got = back.frames().get(i).features();
            for (int d = 0; d < want.length; d++) {
                assertEquals(Float.floatToRawIntBits(want[d]), Float.floatToRawIntBits(got[d]), "frame " + i + " " + d);
            }
        }
        assertArrayEquals(bytes, back.toBytes());
    }

    @Test
    void framesOfOneBlockOnlyInAscendingOrder() {
        float[] v = {1f};
        assertThrows(IllegalArgumentException.class, () -> new ContextBlock(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ContextBlock(List.of(new ContextFrame(7, v),
                new ContextFrame(8, v))), "8 starts the next block");
        assertThrows(IllegalArgumentException.class, () -> new ContextBlock(List.of(new ContextFrame(3, v),
                new ContextFrame(2, v))));
        assertThrows(IllegalArgumentException.class, () -> new ContextBlock(List.of(new ContextFrame(3, v),
                new ContextFrame(3, v))));
        assertThrows(IllegalArgumentException.class, () -> new ContextBlock(List.of(new ContextFrame(3, v),
                new ContextFrame(4, new float[] {1f, 2f}))).toBytes(), "frames of one width");
    }

    @Test
    void bytesThatAreNotABlockAreRefusedWithTheirSizes() {
        byte[] block = new ContextBlock(List.of(new ContextFrame(1, new float[] {1f, 2f}))).toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextBlock.fromBytes(Arrays.copyOf(block, block.length - 1)));
        assertTrue(e.getMessage().contains("not a context block"), e.getMessage());
        // a stored frame of the store's earlier format (index, then values) is not read as a block
        byte[] oldFrame = new byte[8 + 4 * 64];
        oldFrame[0] = 42;
        assertThrows(IllegalArgumentException.class, () -> ContextBlock.fromBytes(oldFrame));
    }
}
