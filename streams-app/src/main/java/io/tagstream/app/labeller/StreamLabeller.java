package io.tagstream.app.labeller;

import java.util.List;

import io.tagstream.features.FeatureSpec;

/**
 * What the topology needs from a model: the streams app's port to the encoder, so the topology is a pure function of
 * its config and its labeller (tests can pass any implementation that does real math).
 */
public interface StreamLabeller {

    /** The features the model was trained on; streams with another spec are refused. */
    FeatureSpec featureSpec();

    /** The label set, in probability order. */
    List<String> labels();

    /** Identifies the model in every label record. */
    String modelId();

    /** What runs the model's matrix work, for reports (e.g. {@code java}, {@code nd4j}); {@code none} if nothing. */
    default String engine() {
        return "none";
    }

    /** Input frames that determine a stream's state: its context is rebuilt from this many most recent frames. */
    int contextFrames();

    /** Frames of lookahead: frame t is labelled once frame t + lookaheadFrames has arrived. */
    int lookaheadFrames();

    /**
     * A stream's session continuing after {@code history} (the stream's most recent input frames, oldest first, at
     * most {@link #contextFrames()}; empty for a new stream), exactly as if the whole stream had been fed.
     *
     * @param framesBefore how many frames the stream had before the first of {@code history} (0 at stream start)
     */
    Session open(long framesBefore, float[][] history);

    /**
     * Feeds each session its new frames, all in one batched forward pass.
     *
     * @return for each session, the probabilities {@code [n][labels]} of the frames completed by this call, in order
     */
    List<float[][]> advance(List<Session> sessions, List<float[][]> newFrames);

    /** Ends a stream: the probabilities of its frames still waiting for lookahead. */
    float[][] finish(Session session);

    /**
     * The attention weights of {@code frames[frame]} in every layer, with {@code frames} taken as a recording of its
     * own (frame 0 has no left context). They equal what the stream computed for that frame when {@code frames}
     * reaches {@code contextFrames() - lookaheadFrames()} frames back from it (or back to the start of the stream's
     * context) and {@code lookaheadFrames()} ahead of it (or to the stream's end). For the dashboard; not on the hot
     * path.
     *
     * @throws UnsupportedOperationException if this labeller does not label by attention
     */
    default FrameAttention attention(float[][] frames, int frame) {
        throw new UnsupportedOperationException("labeller " + modelId() + " has no attention weights to show");
    }

    /** One stream's mutable model state (layer caches); belongs to one stream. */
    interface Session {
    }
}
