package io.tagstream.app.labeller;

import java.util.ArrayList;
import java.util.List;

import io.tagstream.features.FeatureSpec;
import io.tagstream.model.AttentionSpan;
import io.tagstream.model.EmittedFrames;
import io.tagstream.model.Encoder;
import io.tagstream.model.LayerAttention;
import io.tagstream.model.StreamState;

/** The truncated self-attention encoder as the topology's {@link StreamLabeller}: one batched forward per call. */
public final class EncoderLabeller implements StreamLabeller {

    private final Encoder encoder;
    private final FeatureSpec spec;
    private final List<String> labels;
    private final String modelId;

    public EncoderLabeller(Encoder encoder, FeatureSpec spec, List<String> labels, String modelId) {
        if (encoder.config().inputDims() != spec.dims()) {
            throw new IllegalArgumentException("the encoder takes " + encoder.config().inputDims()
                    + " features per frame, the feature spec makes " + spec.dims());
        }
        if (encoder.config().labelCount() != labels.size()) {
            throw new IllegalArgumentException("the encoder scores " + encoder.config().labelCount() + " labels, "
                    + labels.size() + " names given");
        }
        this.encoder = encoder;
        this.spec = spec;
        this.labels = List.copyOf(labels);
        this.modelId = modelId;
    }

    /** A stream's encoder state, wrapped so the topology never sees model types. */
    private record EncoderSession(StreamState state) implements Session {
    }

    @Override
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** What runs the encoder's matrix work ({@link Encoder#engine()}). */
    @Override
    public String engine() {
        return encoder.engine();
    }

    @Override
    public int contextFrames() {
        return encoder.contextFrames();
    }

    @Override
    public int lookaheadFrames() {
        return encoder.latencyFrames();
    }

    @Override
    public Session open(long framesBefore, float[][] history) {
        if (framesBefore == 0 && history.length == 0) {
            return new EncoderSession(encoder.newStream());
        }
        return new EncoderSession(encoder.rebuild(history, framesBefore));
    }

    @Override
    public List<float[][]> advance(List<Session> sessions, List<float[][]> newFrames) {
        List<StreamState> states = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            states.add(((EncoderSession) s).state());
        }
        List<float[][]> out = new ArrayList<>(sessions.size());
        for (EmittedFrames emitted : encoder.acceptAll(states, newFrames)) {
            out.add(emitted.probabilities());
        }
        return out;
    }

    @Override
    public float[][] finish(Session session) {
        return ((EncoderSession) session).state().flush().probabilities();
    }

    /** The encoder's offline attention probe of {@code frames[frame]} (one offline pass over {@code frames}). */
    @Override
    public FrameAttention attention(float[][] frames, int frame) {
        List<float[][]> layers = new ArrayList<>();
        AttentionSpan span = encoder.options().span();
        for (LayerAttention layer : encoder.attention(frames, frame)) {
            layers.add(layer.weights()); // [heads][span.width()]
        }
        return new FrameAttention(span.left(), span.right(), layers);
    }
}
