package io.tagstream.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter bank against the mel formula and the defining properties of shared-edge triangular filters. */
class MelFilterBankTest {

    private static final List<FeatureSpec> SPECS = List.of(
            FeatureSpec.DEFAULT,
            new FeatureSpec(8_000, 256, 128, 23, 0, FeatureKind.LOG_MEL, 100, 3_800),
            new FeatureSpec(22_050, 551, 220, 64, 20, FeatureKind.MFCC, 20, 11_025));

    @Test
    void melScaleRoundTripsAndHitsKnownPoints() {
        assertEquals(0.0, MelFilterBank.hzToMel(0.0), 0.0);
        assertEquals(1000.0, MelFilterBank.hzToMel(1000.0), 0.05); // the HTK scale is ~1000 mel at 1 kHz
        assertEquals(2595.0 * Math.log10(1 + 4000.0 / 700.0), MelFilterBank.hzToMel(4000.0), 1e-9);
        for (double hz = 0; hz <= 24_000; hz += 123.4) {
            assertEquals(hz, MelFilterBank.melToHz(MelFilterBank.hzToMel(hz)), 1e-9 * Math.max(1, hz));
        }
    }

    @Test
    void centresAreEquallySpacedInMel() {
        for (FeatureSpec spec : SPECS) {
            MelFilterBank bank = new MelFilterBank(spec);
            double[] expected = ReferenceFeatures.centres(spec);
            assertEquals(spec.melBands(), bank.bands());
            for (int m = 0; m < bank.bands(); m++) {
                assertEquals(expected[m], bank.centreFrequency(m), 1e-9 * expected[m], "centre " + m);
            }
        }
    }

    /** A unit impulse at bin k reads out each filter's weight at k: compare with the reference matrix. */
    @Test
    void weightsEqualTheTriangleFormulaAtEveryBin() {
        for (FeatureSpec spec : SPECS) {
            double[][] reference = ReferenceFeatures.melFilters(spec);
            MelFilterBank bank = new MelFilterBank(spec);
            double[] energies = new double[bank.bands()];
            for (int k = 0; k <= spec.fftSize() / 2; k++) {
                double[] impulse = new double[spec.fftSize() / 2 + 1];
                impulse[k] = 1.0;
                bank.apply(impulse, energies);
                for (int m = 0; m < bank.bands(); m++) {
                    assertEquals(reference[m][k], energies[m], 1e-12, "filter " + m + ", bin " + k);
                }
            }
        }
    }

    /** Between the first and last centre, adjacent triangles with shared edges add up to exactly 1. */
    @Test
    void adjacentFiltersSumToOneBetweenTheOuterCentres() {
        for (FeatureSpec spec : SPECS) {
            MelFilterBank bank = new MelFilterBank(spec);
            double binHz = (double) spec.sampleRate() / spec.fftSize();
            double[] energies = new double[bank.bands()];
            for (int k = 0; k <= spec.fftSize() / 2; k++) {
                double hz = k * binHz;
                if (hz < bank.centreFrequency(0) || hz > bank.centreFrequency(bank.bands() - 1)) {
                    continue;
                }
                double[] impulse = new double[spec.fftSize() / 2 + 1];
                impulse[k] = 1.0;
                bank.apply(impulse, energies);
                double sum = 0;
                for (double e : energies) {
                    sum += e;
                }
                assertEquals(1.0, sum, 1e-12, "bin " + k + " (" + hz + " Hz)");
            }
        }
    }

    @Test
    void rejectsMisshapenArrays() {
        MelFilterBank bank = new MelFilterBank(FeatureSpec.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bank.apply(new double[256], new double[40]));
        assertEquals("mel filter bank takes [257] power bins into [40] energies, got [256] into [40]", e.getMessage());
    }
}
