package io.tagstream.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tagstream.model.Activation;
import io.tagstream.model.ConvLayerSpec;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.FrontEnd;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping (not its timings): flop count, JSON output, options. */
class BenchReportTest {

    @Test
    void flopsPerFrameCountsEveryMultiplyAddTwice() {
        EncoderConfig c = new EncoderConfig(3, 8, 2, 16, 2, 4, 1, 5, PositionEncoding.ROTARY, NormPlacement.PRE_NORM,
                Activation.RELU);
        // input 3*8; per layer: qkv 8*24 + out 8*8 + ffn 8*16*2 + attention (4+1+1) keys * 8 dims * 2 (scores, mix)
        double perLayer = 8 * 24 + 8 * 8 + 2 * 8 * 16 + 6 * 8 * 2;
        assertEquals(2 * (3 * 8 + 2 * perLayer + 8 * 5), BenchReport.flopsPerFrame(c, c.trainedSpan()), 0.0);
    }

    @Test
    void aFrontEndCountsItsConvolutionsAndWidensTheInputProjection() {
        // 8 bins in; conv 1: 4 channels, 3x3, stride 2 -> 4 bins (each output 1 channel in x 3 x 3 taps);
        // conv 2: 2 channels, 1x3, stride 1 -> 4 bins x 2 channels = 8 values into the projection
        EncoderConfig c = new EncoderConfig(8, 8, 2, 16, 1, 4, 1, 5, PositionEncoding.ROTARY, NormPlacement.PRE_NORM,
                Activation.RELU).withFrontEnd(new FrontEnd(List.of(new ConvLayerSpec(4, 3, 3, 2, 1),
                        new ConvLayerSpec(2, 1, 3, 1, 0))));
        double conv = 4 * 4 * 1 * 3 * 3 + 4 * 2 * 4 * 1 * 3;
        double perLayer = 8 * 24 + 8 * 8 + 2 * 8 * 16 + 6 * 8 * 2;
        assertEquals(2 * (conv + 8 * 8 + perLayer + 8 * 5), BenchReport.flopsPerFrame(c, c.trainedSpan()), 0.0);
    }

    @Test
    void jsonIsOneObjectOfNamedNumbers() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("a_fps", 1234.5);
        figures.put("b_gflops", 0.125);
        assertEquals("{\"a_fps\":1235,\"b_gflops\":0.1250}", BenchReport.json(figures));
    }

    @Test
    void optionsRejectASecondsPerFigureOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelBench.Options(true, 0, 7));
        assertEquals("seconds per figure must be in (0, 600], got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelBench.Options(true, 601, 7));
    }
}
