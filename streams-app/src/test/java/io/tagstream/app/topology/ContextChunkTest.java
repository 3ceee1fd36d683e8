package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class ContextChunkTest {

    @Test
    void aChunkReadsBackAsItsFramesWithTheirIndices() {
        float[][] frames = {{1f, -2.5f, 3f}, {4f, 5f, Float.MIN_VALUE}};
        ContextChunk chunk = ContextChunk.fromBytes(new ContextChunk(41, frames).toBytes(), 3);
        assertEquals(41, chunk.firstIndex());
        assertEquals(2, chunk.count());
        assertEquals(42, chunk.frame(1).index());
        assertArrayEquals(frames[0], chunk.frame(0).features());
        assertArrayEquals(frames[1], chunk.frame(1).features());
        assertEquals(1, chunk.first(1).count());
        assertArrayEquals(frames[0], chunk.first(1).frame(0).features());
    }

    /** The layout before chunks: one frame per entry, its index (long) then its values, little-endian. */
    @Test
    void anEntryOfTheOneFrameLayoutReadsAsAChunkOfOneFrame() {
        ByteBuffer old = ByteBuffer.allocate(8 + 4 * 2).order(ByteOrder.LITTLE_ENDIAN);
        old.putLong(7).putFloat(0.5f).putFloat(-1f);
        ContextChunk chunk = ContextChunk.fromBytes(old.array(), 2);
        assertEquals(7, chunk.firstIndex());
        assertEquals(1, chunk.count());
        assertArrayEquals(new float[] {0.5f, -1f}, chunk.frame(0).features());
    }

    @Test
    void bytesThatAreNotWholeFramesAreRejectedWithTheReason() {
        byte[] threeValues = new ContextChunk(0, new float[][] {{1f, 2f, 3f}}).toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextChunk.fromBytes(threeValues, 2));
        assertEquals("context store entry of 20 bytes is not a frame index and whole frames of 2 features",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ContextChunk.fromBytes(new byte[8], 2));
        assertThrows(IllegalArgumentException.class, () -> new ContextChunk(0, new float[0][]));
    }
}
