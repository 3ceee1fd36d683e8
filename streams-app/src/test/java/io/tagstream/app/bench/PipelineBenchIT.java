package io.tagstream.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.app.PipelineHarness;
import io.tagstream.app.labeller.EncoderLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.features.FeatureSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pipeline bench's contract on a small model and short runs (not its numbers): the summary keys, a stage
 * breakdown per max-speed run that accounts for the threads' time, and the engine the app ran.
 */
class PipelineBenchIT {

    @Test
    void theReportHasTheSummaryKeysAndAStageBreakdown() throws Exception {
        EncoderLabeller labeller = TestEncoders.labellerWithFrontEnd(3);
        PipelineBench.Options options = new PipelineBench.Options(List.of(16), 16, List.of(50), 4, List.of(100), 1,
                4, 50, List.of(512), List.of(0, 20), Map.of(), 8);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, Object> figures = PipelineBench.run(labeller,
                PipelineHarness.recording(5, 3.0, FeatureSpec.DEFAULT), options,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(labeller.engine(), figures.get("engine"));
        assertTrue((Double) figures.get("pipeline.warm_up.round_1.frames_per_s") > 0, "the warm-up ran first");
        assertTrue((Double) figures.get("pipeline.warm_up.round_1.jit_cores") >= 0, "with the JIT's share");
        assertEquals(labeller.lookaheadFrames() * FeatureSpec.DEFAULT.hopMillis(), figures.get("lookahead_ms"));
        double fps = (Double) figures.get("max_fps_16_streams");
        assertTrue(fps > 0, "frames/s " + fps);
        double p50 = (Double) figures.get("live_50_p50_ms");
        double p99 = (Double) figures.get("live_50_p99_ms");
        assertTrue(p50 > 0 && p50 <= p99, p50 + " / " + p99);
        double besideIdle = (Double) figures.get("live_50_idle_20_p99_ms");
        assertTrue(besideIdle > 0, "live 50 beside 20 idle streams, p99 " + besideIdle);
        String live = "pipeline.live.streams_50.commit_100ms.batch_512.chunk_50ms.";
        double firstThird = (Double) figures.get(live + "p50_first_third_ms");
        double lastThird = (Double) figures.get(live + "p50_last_third_ms");
        assertTrue(firstThird > 0 && lastThird > 0 && Math.min(firstThird, lastThird) <= p99,
                "live p50 by thirds " + firstThird + " / " + lastThird + ", p99 " + p99);
        assertTrue((Double) figures.get(live + "cores_busy.stream_threads") > 0, "the live run's stream threads");

        String stages = "pipeline.max_speed.streams_16.commit_100ms.batch_512.stage_us_per_frame.";
        double sum = 0;
        for (String stage : List.of("decode", "features", "context_store", "model", "produce", "commit", "other")) {
            Object us = figures.get(stages + stage);
            assertInstanceOf(Double.class, us, stage);
            assertTrue((Double) us >= 0, stage + " " + us);
            sum += (Double) us;
        }
        assertTrue((Double) figures.get(stages + "model") > 0, "the model's time is counted");
        // the stages and the rest add up to the thread's time per frame: 1 thread over the run's span
        assertTrue(sum >= 1e6 / fps * 0.5, "stages " + sum + " us per frame against " + 1e6 / fps + " us of wall");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("us per frame: decode "), printed.toString());

        String cores = "pipeline.max_speed.streams_16.commit_100ms.batch_512.cores_busy.";
        double busy = 0;
        for (String kind : List.of("stream_threads", "kafka_clients", "broker", "bench", "other_threads", "jit", "gc",
                "rocksdb", "native_other")) {
            Object share = figures.get(cores + kind);
            assertInstanceOf(Double.class, share, kind);
            assertTrue((Double) share >= 0, kind + " " + share);
            busy += (Double) share;
        }
        assertTrue((Double) figures.get(cores + "stream_threads") > 0.05, "the stream thread's CPU is counted");
        assertTrue((Double) figures.get(cores + "broker") > 0, "the broker's CPU is counted");
        // no more cores than the machine has, with a margin for the snapshot taken a poll after the last label
        assertTrue(busy <= Runtime.getRuntime().availableProcessors() * 1.2, "cores busy " + busy);
    }
}
