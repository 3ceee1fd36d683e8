package io.tagstream.app.labeller;

import java.util.ArrayList;
import java.util.List;

import io.tagstream.features.FeatureSpec;

/**
 * A small, exact, plain-Java labeller for topology tests (the topology is a pure function of its labeller, so its
 * logic is tested with one whose every output is easy to recompute): frame t's scores are the mean over frames
 * [t - back, t + ahead] that exist of the sum of the feature dims d with d % labels == k, then softmax. Like the
 * encoder, it has bounded context, lookahead, and a state rebuilt exactly from the last {@code back + ahead} frames.
 */
public final class WindowMeanLabeller implements StreamLabeller {

    private final FeatureSpec spec;
    private final List<String> labels;
    private final int back;
    private final int ahead;

    public WindowMeanLabeller(FeatureSpec spec, List<String> labels, int back, int ahead) {
        this.spec = spec;
        this.labels = List.copyOf(labels);
        this.back = back;
        this.ahead = ahead;
    }

    static final class WindowSession implements Session {
        final List<float[]> frames = new ArrayList<>(); // the last back + ahead + 1 frames at most
        long firstIndex;                                  // stream index of frames.get(0)
        long fed;
        long emitted;
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
        return "window-mean-" + back + "-" + ahead;
    }

    @Override
    public int contextFrames() {
        return back + ahead;
    }

    @Override
    public int lookaheadFrames() {
        return ahead;
    }

    @Override
    public Session open(long framesBefore, float[][] history) {
        WindowSession s = new WindowSession();
        s.firstIndex = framesBefore;
        s.fed = framesBefore;
        for (float[] frame : history) {
            s.frames.add(frame.clone());
            s.fed++;
        }
        s.emitted = Math.max(0, s.fed - ahead);
        trim(s);
        return s;
    }

    @Override
    public List<float[][]> advance(List<Session> sessions, List<float[][]> newFrames) {
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            WindowSession s = (WindowSession) sessions.get(i);
            List<float[]> emitted = new ArrayList<>();
            for (float[] frame : newFrames.get(i)) {
                s.frames.add(frame.clone());
                s.fed++;
                while (s.emitted + ahead < s.fed) {
                    emitted.add(score(s, s.emitted++));
                }
                trim(s);
            }
            out.add(emitted.toArray(new float[0][]));
        }
        return out;
    }

    @Override
    public float[][] finish(Session session) {
        WindowSession s = (WindowSession) session;
        List<float[]> emitted = new ArrayList<>();
        while (s.emitted < s.fed) {
            emitted.add(score(s, s.emitted++));
        }
        return emitted.toArray(new float[0][]);
    }

    /**
     * Its weighting, told as attention: one layer, one head, uniform over the frames of {@code [t - back, t + ahead]}
     * that exist, since it labels a frame by their plain mean.
     */
    @Override
    public FrameAttention attention(float[][] frames, int frame) {
        int first = Math.max(0, frame - back);
        int last = Math.min(frames.length - 1, frame + ahead);
        float[] weights = new float[back + ahead + 1];
        for (int j = first; j <= last; j++) {
            weights[j - frame + back] = 1f / (last - first + 1);
        }
        return new FrameAttention(back, ahead, List.<float[][]>of(new float[][] {weights}));
    }

    private void trim(WindowSession s) {
        while (s.frames.size() > back + ahead + 1 || s.frames.size() > 0 && s.firstIndex < s.emitted - back) {
            s.frames.remove(0);
            s.firstIndex++;
        }
    }

    private float[] score(WindowSession s, long t) {
        double[] sums = new double[labels.size()];
        int count = 0;
        for (long j = Math.max(0, t - back); j <= Math.min(s.fed - 1, t + ahead); j++) {
            if (j < s.firstIndex) {
                continue; // before the rebuilt history; never happens when the history is long enough
            }
            float[] frame = s.frames.get((int) (j - s.firstIndex));
            for (int d = 0; d < frame.length; d++) {
                sums[d % labels.size()] += frame[d];
            }
            count++;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < sums.length; k++) {
            sums[k] /= Math.max(1, count) * 10.0;
            max = Math.max(max, sums[k]);
        }
        double total = 0;
        for (int k = 0; k < sums.length; k++) {
            sums[k] = Math.exp(sums[k] - max);
            total += sums[k];
        }
        float[] p = new float[sums.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) (sums[k] / total);
        }
        return p;
    }
}
