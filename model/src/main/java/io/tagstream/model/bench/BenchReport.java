package io.tagstream.model.bench;

import io.tagstream.model.AttentionSpan;
import io.tagstream.model.ConvLayerSpec;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.FrontEnd;
import java.util.Locale;
import java.util.Map;

/** Formats benchmark figures (table or JSON) and counts the model's floating-point work. */
final class BenchReport {

    private BenchReport() {
    }

    /**
     * Floating-point operations (2 per multiply-add) of one frame in the steady state: input projection, per layer
     * the fused QKV, output and two feed-forward projections plus attention scores and value mixing over
     * {@code L + R + 1} keys, and the classifier. Norms, activations and softmax are not counted.
     */
    static double flopsPerFrame(EncoderConfig c, AttentionSpan span) {
        double d = c.modelDims();
        double perLayer = d * 3 * d + d * d + 2 * d * c.feedForwardDims() + 2.0 * span.width() * d;
        double frontEnd = 0;
        FrontEnd f = c.frontEnd();
        for (int k = 0; k < f.layers().size(); k++) {
            ConvLayerSpec layer = f.layers().get(k);
            frontEnd += (double) f.bins(c.inputDims(), k + 1) * layer.channels() * f.channels(k) * layer.kernelTime()
                    * layer.kernelFreq();
        }
        return 2 * (frontEnd + c.projectionInputDims() * d + c.layers() * perLayer + d * c.labelCount());
    }

    static String json(Map<String, Double> figures) {
        StringBuilder json = new StringBuilder("{");
        figures.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(String.format(Locale.ROOT, "%.4g", value)));
        return json.append('}').toString();
    }

    static String table(Map<String, Double> figures, EncoderConfig config, String engine) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "model bench: %d layers, dModel %d, %d heads, ffn %d, L=%d, R=%d, "
                        + "%s, %s, %s; engine %s; OMP_NUM_THREADS=%s%n", config.layers(), config.modelDims(),
                config.heads(), config.feedForwardDims(), config.leftContext(), config.rightContext(),
                config.positionEncoding(), config.normPlacement(), config.activation(),
                engine, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")));
        figures.forEach((name, value) -> out.append(String.format(Locale.ROOT, "  %-34s %14.2f  %s%n", name, value,
                unit(name))));
        Double young = figures.get("age_1k_us_per_frame");
        Double old = figures.get("age_1m_us_per_frame");
        if (young != null && old != null) {
            out.append(String.format(Locale.ROOT, "  %-34s %14.2f  (1.0 = flat)%n", "age_1m/age_1k", old / young));
        }
        return out.toString();
    }

    private static String unit(String name) {
        if (name.contains("_vs_")) {
            return "x the baseline, same run";
        }
        if (name.endsWith("_fps")) {
            return "frames/s";
        }
        if (name.startsWith("us_per_frame_per_key")) {
            return "us/frame per key";
        }
        if (name.endsWith("_us_per_frame") || name.contains("_us_per_frame_")) {
            return "us/frame";
        }
        if (name.endsWith("_gflops")) {
            return "GFLOP/s";
        }
        if (name.endsWith("_kb")) {
            return "KiB";
        }
        if (name.endsWith("_s")) {
            return "s";
        }
        if (name.endsWith("_vector_boxed_bytes_per_frame")) {
            return "bytes/frame of Vector API objects, from JFR's allocation samples";
        }
        if (name.endsWith("_mb")) {
            return "MB allocated, from JFR's allocation samples";
        }
        return name.endsWith("_per_frame") ? "flop/frame" : "";
    }
}
