package io.tagstream.evaluation;

import java.nio.file.Path;

/**
 * A recording and its reference labels.
 *
 * @param name   how reports name it (e.g. {@code dev/clip-0001.wav})
 * @param wav    the audio
 * @param labels its Audacity label file ({@code start<TAB>end<TAB>label}, seconds)
 * @param layers its layers file (where each class is present, {@link FrameMixtures}), or null if it has none
 */
public record ReferencedRecording(String name, Path wav, Path labels, Path layers) {

    /** A recording without a layers file. */
    public ReferencedRecording(String name, Path wav, Path labels) {
        this(name, wav, labels, null);
    }
}
