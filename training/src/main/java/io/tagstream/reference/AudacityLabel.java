package io.tagstream.reference;

import java.util.Objects;

/**
 * One line of an Audacity label track: {@code start<TAB>end<TAB>label}, times in seconds.
 *
 * @param startSeconds start of the region
 * @param endSeconds   end of the region (after the start)
 * @param label        its text
 */
public record AudacityLabel(double startSeconds, double endSeconds, String label) {

    public AudacityLabel {
        Objects.requireNonNull(label, "label");
        if (!(startSeconds >= 0 && endSeconds > startSeconds)) {
            throw new IllegalArgumentException(
                    "label region needs 0 <= start < end, got " + startSeconds + ".." + endSeconds);
        }
    }

    public double seconds() {
        return endSeconds - startSeconds;
    }
}
