package io.tagstream.labels;

/**
 * Where {@link RecordingLabeller} hands a recording's labels as soon as each is known: every frame's probabilities
 * in frame order, and every segment when it closes. Nothing is held for the sink: it decides what to keep.
 */
public interface LabelSink {

    /** Called once, before any frame, with the recording's frame count (known from the file's headers). */
    default void begin(long frames) {
    }

    /** Frame {@code frame}'s label probabilities, in the model's label order. */
    void frame(long frame, float[] probabilities);

    /** A closed segment; segments come in order and tile the frames. */
    void segment(Segment segment);

    /** Everything known so far has been handed over (after each block of audio): a good moment to flush output. */
    default void caughtUp() {
    }
}
