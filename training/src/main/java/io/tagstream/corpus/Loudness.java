package io.tagstream.corpus;

/**
 * Levels in dBFS (0 dBFS = RMS of a full-scale square wave, 1.0) and scaling to a target level. A sound's level is
 * its <em>active</em> RMS: the RMS over its frames that {@link Activity#activeFrames} counts as audible, so pauses
 * and tails do not lower it.
 */
final class Loudness {

    private Loudness() {
    }

    static double dbfs(double rms) {
        return 20 * Math.log10(rms);
    }

    static double amplitude(double dbfs) {
        return Math.pow(10, dbfs / 20);
    }

    /** RMS over the active frames of {@code x}; 0 when none is active. */
    static double activeRms(float[] x) {
        double[] meanSquare = FrameEnergy.ofSignal(x);
        boolean[] active = Activity.activeFrames(meanSquare);
        double sum = 0;
        int count = 0;
        for (int f = 0; f < meanSquare.length; f++) {
            if (active[f]) {
                sum += meanSquare[f];
                count++;
            }
        }
        return count == 0 ? 0 : Math.sqrt(sum / count);
    }

    /** A copy of {@code x} scaled so its active RMS is {@code targetDbfs}; an inaudible {@code x} stays as is. */
    static float[] scaledTo(float[] x, double targetDbfs) {
        double rms = activeRms(x);
        return rms == 0 ? x.clone() : scaled(x, amplitude(targetDbfs) / rms);
    }

    /** A copy of {@code x} times {@code gain}. */
    static float[] scaled(float[] x, double gain) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * gain);
        }
        return y;
    }

    /** Largest absolute sample. */
    static double peak(float[] x) {
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    /** A copy of {@code x}, scaled down if needed so its peak is at most {@code peak}. */
    static float[] peakLimited(float[] x, double peak) {
        double p = peak(x);
        return p > peak ? scaled(x, peak / p) : x.clone();
    }
}
