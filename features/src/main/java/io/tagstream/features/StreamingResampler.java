package io.tagstream.features;

import java.util.Arrays;

/**
 * {@link Resampler} over a stream that arrives in blocks: the same output samples, bit for bit, however the input is
 * cut. Output sample {@code n} is computed as soon as the last input sample its kernel reads has arrived; the rest at
 * {@link #finish()}, when the input's length is known. Holds only the input samples a future output still reads
 * (about {@code 2 * ZERO_CROSSINGS / ROLLOFF * max(1, from / to)} samples) plus the latest block. One instance per
 * stream; not thread-safe.
 */
final class StreamingResampler {

    private final Resampler.Kernel kernel;
    private float[] held = new float[1024]; // input samples [heldStart, heldStart + heldCount)
    private int heldCount;
    private long heldStart;
    private long nextOutput;

    /** @param fromRate input rate, @param toRate output rate: different, both at least 1 Hz */
    StreamingResampler(int fromRate, int toRate) {
        if (fromRate < 1 || toRate < 1 || fromRate == toRate) {
            throw new IllegalArgumentException("a streaming resampler converts between two different rates of at"
                    + " least 1 Hz, got " + fromRate + " -> " + toRate);
        }
        this.kernel = Resampler.Kernel.of(fromRate, toRate);
    }

    /** Appends the next input samples; returns the output samples they complete (possibly none). */
    float[] accept(float[] pcm) {
        append(pcm);
        long received = heldStart + heldCount;
        return emitUntil(kernel.outputLength(Math.max(0, received - kernel.halfTaps)));
    }

    /** Ends the input: returns the remaining output samples, those whose kernels reach past its end. */
    float[] finish() {
        return emitUntil(kernel.outputLength(heldStart + heldCount));
    }

    /** Output samples {@code [nextOutput, end)}; then drops the input samples no later output reads. */
    private float[] emitUntil(long end) {
        float[] out = new float[(int) Math.max(0, end - nextOutput)];
        for (int i = 0; i < out.length; i++, nextOutput++) {
            out[i] = kernel.sample(nextOutput, held, heldStart, heldCount);
        }
        long keepFrom = Math.min(heldStart + heldCount, Math.max(heldStart, kernel.inputStart(nextOutput)));
        int drop = (int) (keepFrom - heldStart);
        System.arraycopy(held, drop, held, 0, heldCount - drop);
        heldCount -= drop;
        heldStart = keepFrom;
        return out;
    }

    private void append(float[] pcm) {
        if (heldCount + pcm.length > held.length) {
            held = Arrays.copyOf(held, Math.max(heldCount + pcm.length, 2 * held.length));
        }
        System.arraycopy(pcm, 0, held, heldCount, pcm.length);
        heldCount += pcm.length;
    }
}
