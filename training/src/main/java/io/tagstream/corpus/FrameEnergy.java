package io.tagstream.corpus;

import io.tagstream.features.FeatureSpec;

/**
 * Mean square of a signal per label frame. Label frames are the pipeline's hops ({@link #FRAME} samples, 10 ms
 * at 16 kHz): frame k of a clip covers samples [k*FRAME, (k+1)*FRAME), as in the label convention of the features
 * module.
 */
final class FrameEnergy {

    /** Samples per label frame: the default feature spec's hop. */
    static final int FRAME = FeatureSpec.DEFAULT.hopSamples();

    private FrameEnergy() {
    }

    /**
     * Mean square per frame of a clip of {@code frames} frames, of a signal {@code x} whose first sample sits at
     * sample {@code start} of the clip. Samples outside the clip are ignored; a frame's sum is divided by the full
     * {@link #FRAME} even where {@code x} covers the frame only partly.
     */
    static double[] onClipGrid(float[] x, long start, int frames) {
        double[] meanSquare = new double[frames];
        long clipSamples = (long) frames * FRAME;
        long from = Math.max(0, -start);
        long to = Math.min(x.length, clipSamples - start);
        for (long i = from; i < to; i++) {
            double v = x[(int) i];
            meanSquare[(int) ((start + i) / FRAME)] += v * v;
        }
        for (int f = 0; f < frames; f++) {
            meanSquare[f] /= FRAME;
        }
        return meanSquare;
    }

    /** Mean square per frame of {@code x} itself (frame 0 starts at x[0]; a partial last frame counts). */
    static double[] ofSignal(float[] x) {
        return onClipGrid(x, 0, (x.length + FRAME - 1) / FRAME);
    }
}
