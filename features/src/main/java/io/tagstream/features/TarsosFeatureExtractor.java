package io.tagstream.features;

import be.tarsos.dsp.mfcc.MFCC;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Log-mel energies or MFCCs of one window, the recipe of TarsosDSP's {@code MFCC.process}: Hann window, power
 * spectrum, mel filter bank, log, DCT.
 *
 * <ol>
 *   <li>Window: TarsosDSP's {@link HannWindow} curve over the {@code windowSamples} samples
 *       ({@code 0.5 (1 - cos(2 pi n / (N - 1)))}, the symmetric Hann), then zero-padded to {@code fftSize}. The window
 *       is applied here, not by TarsosDSP's {@link FFT}, whose window would span the whole FFT length including the
 *       padding.</li>
 *   <li>Power spectrum: TarsosDSP's {@link FFT#forwardTransform(float[])} (float32 real FFT), then
 *       {@code |X_k|^2} for bins 0..fftSize/2 (DC and Nyquist included), unnormalised.</li>
 *   <li>Mel energies: {@link MelFilterBank} (TarsosDSP's filter bank is not used, see there).</li>
 *   <li>Log: {@code ln(energy + 1e-10)}; silence gives {@link #LOG_FLOOR_VALUE}. The floor is far below the energy
 *       of 16-bit quantisation noise in any band (about 1e-7 and up), so it only matters for digital silence.</li>
 *   <li>MFCC only: TarsosDSP's {@link MFCC#cepCoefficients(float[])}, the unnormalised DCT-II
 *       {@code c_n = sum_k x_k cos(pi n (k + 1/2) / K)} for n = 0..coefficients-1 (c_0 included).</li>
 * </ol>
 *
 * <p>Not thread-safe: it reuses its scratch buffers, so each stream (thread) needs its own instance. The result of
 * {@link #extract(float[])} depends only on the window (every buffer is fully rewritten per call), which is what makes
 * chunked extraction bit-identical to whole-file extraction.
 */
public final class TarsosFeatureExtractor implements FrameFeatureExtractor {

    /** Added to every mel energy before the log. */
    public static final double LOG_FLOOR = 1e-10;
    /** The log-mel value of a band with no energy, {@code (float) ln(1e-10)}. */
    public static final float LOG_FLOOR_VALUE = (float) Math.log(LOG_FLOOR);

    private final FeatureSpec spec;
    private final float[] hann;                    // [windowSamples]
    private final FFT fft;                         // TarsosDSP real FFT of fftSize, no window of its own
    private final MelFilterBank melFilters;
    private final UnaryOperator<float[]> lastStep; // log-mel [melBands] -> new feature vector [dims]
    private final float[] fftBuffer;               // [fftSize] windowed samples, then the packed spectrum
    private final double[] power;                  // [fftSize / 2 + 1]
    private final double[] melEnergies;            // [melBands]
    private final float[] logMel;                  // [melBands]

    public TarsosFeatureExtractor(FeatureSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.hann = new HannWindow().generateCurve(spec.windowSamples());
        this.fft = new FFT(spec.fftSize());
        this.melFilters = new MelFilterBank(spec);
        this.lastStep = spec.kind() == FeatureKind.MFCC ? dctOf(spec) : float[]::clone;
        this.fftBuffer = new float[spec.fftSize()];
        this.power = new double[spec.fftSize() / 2 + 1];
        this.melEnergies = new double[spec.melBands()];
        this.logMel = new float[spec.melBands()];
    }

    @Override
    public FeatureSpec spec() {
        return spec;
    }

    @Override
    public float[] extract(float[] window) {
        if (window.length != hann.length) {
            throw new IllegalArgumentException(
                    "window has " + window.length + " samples, the feature spec needs " + hann.length);
        }
        windowAndPad(window);
        fft.forwardTransform(fftBuffer);
        powerSpectrum();
        melFilters.apply(power, melEnergies);
        for (int m = 0; m < logMel.length; m++) {
            logMel[m] = (float) Math.log(melEnergies[m] + LOG_FLOOR);
        }
        return lastStep.apply(logMel);
    }

    private void windowAndPad(float[] window) {
        for (int i = 0; i < hann.length; i++) {
            fftBuffer[i] = window[i] * hann[i];
        }
        Arrays.fill(fftBuffer, hann.length, fftBuffer.length, 0f);
    }

    /**
     * {@code |X_k|^2} from TarsosDSP's packed real-FFT layout: {@code [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...]}.
     */
    private void powerSpectrum() {
        int half = fftBuffer.length / 2;
        power[0] = square(fftBuffer[0]);
        power[half] = square(fftBuffer[1]);
        for (int k = 1; k < half; k++) {
            power[k] = square(fftBuffer[2 * k]) + square(fftBuffer[2 * k + 1]);
        }
    }

    private static double square(float x) {
        return (double) x * x;
    }

    /** TarsosDSP's DCT-II as a function; its constructor's own FFT and filter bank are never used. */
    private static UnaryOperator<float[]> dctOf(FeatureSpec spec) {
        MFCC mfcc = new MFCC(spec.fftSize(), spec.sampleRate(), spec.coefficients(), spec.melBands(),
                (float) spec.minFrequency(), (float) spec.maxFrequency());
        return mfcc::cepCoefficients;
    }
}
