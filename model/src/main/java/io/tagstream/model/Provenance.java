package io.tagstream.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from; travels inside the model file.
 *
 * @param trainingData what it was trained on (corpus name, size, split)
 * @param seed         the training run's seed
 * @param codeVersion  version of the code that trained it
 * @param metrics      evaluation figures by name (e.g. {@code frameAccuracy}), finite; kept sorted by name
 */
public record Provenance(String trainingData, long seed, String codeVersion, Map<String, Double> metrics) {

    public Provenance {
        if (trainingData == null || codeVersion == null || metrics == null) {
            throw new IllegalArgumentException("provenance needs a training data description, a code version and "
                    + "a metrics map (possibly empty)");
        }
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            if (metric.getKey() == null || metric.getValue() == null || !Double.isFinite(metric.getValue())) {
                throw new IllegalArgumentException("metric " + metric.getKey() + " must have a finite value, got "
                        + metric.getValue());
            }
        }
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** Provenance of weights that were not trained (random, for tests and benchmarks). */
    public static Provenance untrained(long seed) {
        return new Provenance("none: random weights (EncoderWeights.random)", seed, "untrained", Map.of());
    }
}
