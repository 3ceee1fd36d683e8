package io.tagstream.app.labeller;

import java.util.List;

import io.tagstream.features.FeatureSpec;

/** A labeller that is another one in all but what a test overrides (a model call that throws, or hangs). */
public abstract class DelegatingLabeller implements StreamLabeller {

    private final StreamLabeller delegate;

    protected DelegatingLabeller(StreamLabeller delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<float[][]> advance(List<Session> sessions, List<float[][]> newFrames) {
        return delegate.advance(sessions, newFrames);
    }

    @Override
    public FeatureSpec featureSpec() {
        return delegate.featureSpec();
    }

    @Override
    public List<String> labels() {
        return delegate.labels();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int contextFrames() {
        return delegate.contextFrames();
    }

    @Override
    public int lookaheadFrames() {
        return delegate.lookaheadFrames();
    }

    @Override
    public Session open(long framesBefore, float[][] history) {
        return delegate.open(framesBefore, history);
    }

    @Override
    public float[][] finish(Session session) {
        return delegate.finish(session);
    }
}
