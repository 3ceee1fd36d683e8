package io.tagstream.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of Adam's state: the number of updates applied and, per parameter, its first and second moment
 * estimates ({@code [2n]}: the n values of M, then the n values of V, in the parameter's row-major order).
 *
 * @param iteration updates applied so far (Adam's bias correction depends on it)
 * @param moments   per parameter name, in layout order; unmodifiable
 */
public record AdamState(int iteration, Map<String, float[]> moments) {

    public AdamState {
        if (iteration < 0) {
            throw new IllegalArgumentException("Adam iteration must be >= 0, got " + iteration);
        }
        moments = Collections.unmodifiableMap(new LinkedHashMap<>(moments));
    }
}
