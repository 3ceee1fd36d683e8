package io.tagstream.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.Activation;
import io.tagstream.model.ConvLayerSpec;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.FrontEnd;
import io.tagstream.model.GemmChoice;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aModelRunNamesItsEngineAndEachRatioIsItsFigureOverItsBaseline() {
        EncoderConfig small = new EncoderConfig(8, 16, 2, 32, 1, 8, 1, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.RELU);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, Double> figures = ModelBench.run(new ModelBench.Options(false, 0.01, 3,
                EncoderWeights.random(small, 3), GemmChoice.JAVA),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(figures.get("batched_256x1_fps") / figures.get("offline_fps"),
                figures.get("batched_256x1_vs_offline"), 1e-12);
        assertEquals(figures.get("offline_gflops") / figures.get("nd4j_gemm_256rows_gflops"),
                figures.get("offline_gflops_vs_nd4j_gemm_256rows"), 1e-12);
        assertEquals(figures.get("offline_gflops") / figures.get("java_gemm_16rows_gflops"),
                figures.get("offline_gflops_vs_java_gemm_16rows"), 1e-12);
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("; engine java;"), table);
        assertTrue(table.contains("x the baseline, same run"), table);
        assertTrue(!figures.containsKey("engine_gemm_256rows_gflops"), "the Java engine has no ND4J layouts");
        assertTrue(figures.get("warm_up_rounds") >= 1, "the suite warms up before its first figure");
        for (String figure : List.of("stream_1frame", "stream_chunk10", "batched_256x1_2threads", "offline",
                "age_1m")) {
            assertTrue(figures.get(figure + "_vector_boxed_bytes_per_frame") >= 0, figure + ": " + figures);
        }
    }

    @Test
    void onTheNd4jEngineTheBenchMeasuresItsLayoutsAgainstTheBareGemm() {
        EncoderConfig small = new EncoderConfig(8, 16, 2, 32, 1, 8, 1, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.RELU);
        Map<String, Double> figures = ModelBench.run(new ModelBench.Options(true, 0.01, 3,
                EncoderWeights.random(small, 3), GemmChoice.ND4J_ROW_INVARIANT),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(figures.get("engine_gemm_256rows_gflops") > 0, figures.toString());
        assertEquals(figures.get("engine_gemm_256rows_gflops") / figures.get("nd4j_gemm_256rows_gflops"),
                figures.get("engine_gemm_256rows_vs_nd4j_gemm_256rows"), 1e-12);
    }
}
