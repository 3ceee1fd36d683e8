package io.tagstream.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A recording and its reference labels.
 *
 * @param name    how reports name it (e.g. {@code dev/clip-0001.wav})
 * @param wav     the audio
 * @param labels  its Audacity label file ({@code start<TAB>end<TAB>label}, seconds)
 * @param layers  its layers file (where each class is present, {@link FrameMixtures}), or null if it has none
 * @param sources the sources of its layers by class label, from the corpus manifest (empty when unknown)
 */
public record ReferencedRecording(String name, Path wav, Path labels, Path layers, Map<String, List<String>> sources) {

    public ReferencedRecording {
        sources = Map.copyOf(sources);
    }

    /** A recording with a layers file but no known sources. */
    public ReferencedRecording(String name, Path wav, Path labels, Path layers) {
        this(name, wav, labels, layers, Map.of());
    }

    /** A recording without a layers file. */
    public ReferencedRecording(String name, Path wav, Path labels) {
        this(name, wav, labels, null);
    }
}
