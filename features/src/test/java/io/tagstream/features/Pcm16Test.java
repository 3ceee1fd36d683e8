package io.tagstream.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void quantizeRoundsAndClamps() {
        float[] x = {0f, 1f, -1f, 0.5f, -0.5f, 1e-5f, 2f, -2f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 0.5f / 32_767f, -0.5f / 32_767f};
        short[] expected = {0, 32_767, -32_767, 16_384, -16_383, 0, 32_767, -32_768, 0, 32_767, -32_768, 1, 0};
        // 0.5 * 32767 = 16383.5 rounds up to 16384; -16383.5 rounds up to -16383 (Math.round ties toward +inf)
        assertArrayEquals(expected, Pcm16.quantize(x));
    }

    @Test
    void toFloatDividesBy32767() {
        assertArrayEquals(new float[] {0f, 1f, -1f, -32_768f / 32_767f, 1f / 32_767f},
                Pcm16.toFloat(new short[] {0, 32_767, -32_767, -32_768, 1}), 0f);
    }

    @Test
    void everyShortSurvivesARoundTrip() {
        short[] all = new short[65_536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (i - 32_768);
        }
        assertArrayEquals(all, Pcm16.quantize(Pcm16.toFloat(all)));
    }

    @Test
    void quantizationErrorIsAtMostHalfAStep() {
        Random random = new Random(42);
        float[] x = new float[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2f - 1f;
        }
        float[] back = Pcm16.toFloat(Pcm16.quantize(x));
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i], 0.5 / 32_767 + 1e-7, "sample " + i);
        }
    }
}
