package io.tagstream.training;

import java.util.Random;

import io.tagstream.features.TarsosFeatureExtractor;

/**
 * Random changes to each training crop's log-mel features, drawn per crop from the step's seeded random source, so
 * the encoder does not learn a class from its level or colouring (the corpus already varies both in the audio;
 * this varies them again for every crop it sees). Log-mel features only: {@code ln(energy)} per band.
 *
 * <ul>
 *   <li>gain: every band shifted by the same {@code g}, uniform in ±{@code gainDb} dB ({@code g * ln(10) / 10} in
 *       ln-energy), as if the crop were louder or quieter;
 *   <li>tilt: band {@code m} of {@code M} shifted by {@code s * (m / (M - 1) - 0.5)} with {@code s} uniform in
 *       ±{@code tiltDb} dB, a first-order equaliser;
 *   <li>frequency masks: {@code frequencyMasks} times, up to {@code maxMaskBands} adjacent bands replaced by their
 *       mean over the crop (SpecAugment's frequency masking, Park et al. 2019).
 * </ul>
 * Values at the log floor (digital silence) stay at the floor under gain and tilt, and nothing goes below it.
 *
 * @param gainDb         half-width of the gain range, dB, {@code 0..40}
 * @param tiltDb         half-width of the tilt range across the bands, dB, {@code 0..40}
 * @param frequencyMasks masks per crop, {@code 0..8}
 * @param maxMaskBands   widest mask, bands, {@code 0..} (must be {@code >= 1} when masks are asked for)
 */
public record FeatureAugmentation(double gainDb, double tiltDb, int frequencyMasks, int maxMaskBands) {

    /** No augmentation. */
    public static final FeatureAugmentation NONE = new FeatureAugmentation(0, 0, 0, 0);

    private static final double LN_PER_DB = Math.log(10) / 10;
    private static final float FLOOR = TarsosFeatureExtractor.LOG_FLOOR_VALUE;

    public FeatureAugmentation {
        require(gainDb >= 0 && gainDb <= 40, "gainDb must be 0..40, got " + gainDb);
        require(tiltDb >= 0 && tiltDb <= 40, "tiltDb must be 0..40, got " + tiltDb);
        require(frequencyMasks >= 0 && frequencyMasks <= 8, "frequencyMasks must be 0..8, got " + frequencyMasks);
        require(maxMaskBands >= 0 && (frequencyMasks == 0 || maxMaskBands >= 1),
                "maxMaskBands must be >= 1 when frequencyMasks > 0, got " + maxMaskBands);
    }

    /** True when this changes anything (and so draws random numbers). */
    public boolean enabled() {
        return gainDb > 0 || tiltDb > 0 || frequencyMasks > 0;
    }

    /**
     * Augments one crop in place: {@code frames} rows of {@code dims} values starting at {@code offset} of
     * {@code features} ({@code [T, dims]} row-major).
     */
    void apply(float[] features, int offset, int frames, int dims, Random random) {
        double gain = (2 * random.nextDouble() - 1) * gainDb * LN_PER_DB;
        double tilt = (2 * random.nextDouble() - 1) * tiltDb * LN_PER_DB;
        float[] shift = new float[dims]; // [dims]
        for (int m = 0; m < dims; m++) {
            shift[m] = (float) (gain + tilt * (dims == 1 ? 0 : (double) m / (dims - 1) - 0.5));
        }
        for (int t = 0; t < frames; t++) {
            int row = offset + t * dims;
            for (int m = 0; m < dims; m++) {
                float x = features[row + m];
                features[row + m] = x <= FLOOR ? FLOOR : Math.max(FLOOR, x + shift[m]);
            }
        }
        for (int k = 0; k < frequencyMasks; k++) {
            int width = 1 + random.nextInt(Math.min(maxMaskBands, dims));
            int first = random.nextInt(dims - width + 1);
            maskBands(features, offset, frames, dims, first, width);
        }
    }

    private static void maskBands(float[] features, int offset, int frames, int dims, int first, int width) {
        for (int m = first; m < first + width; m++) {
            double sum = 0;
            for (int t = 0; t < frames; t++) {
                sum += features[offset + t * dims + m];
            }
            float mean = (float) (sum / frames);
            for (int t = 0; t < frames; t++) {
                features[offset + t * dims + m] = mean;
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid augmentation: " + message);
        }
    }
}
