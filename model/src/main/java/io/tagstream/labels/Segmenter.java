package io.tagstream.labels;

import java.util.List;

/**
 * Turns a stream's per-frame probabilities into closed segments, one frame at a time, under a
 * {@link SegmentPolicy}. Pure: each call takes a state and returns the next one, so the same code serves the
 * offline labeller and the streams app (which keeps the state in a store).
 */
public final class Segmenter {

    private final SegmentPolicy policy;

    public Segmenter(SegmentPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("segment policy is required");
        }
        this.policy = policy;
    }

    /** The result of one step: the new state and the segment it closed, if any ({@code null} when none). */
    public record Step(SegmenterState state, Segment closed) {
        public List<Segment> closedSegments() {
            return closed == null ? List.of() : List.of(closed);
        }
    }

    /** Feeds frame {@code state.nextFrame()} with its label probabilities. */
    public Step accept(SegmenterState state, float[] probabilities) {
        if (!state.hasOpenSegment()) {
            int label = argmax(probabilities);
            return new Step(new SegmenterState(state.nextFrame() + 1, label, state.nextFrame(),
                    probabilities[label], -1, state.nextFrame() + 1, 0.0, 0.0), null);
        }
        int current = state.currentLabel();
        int vote = vote(current, probabilities);
        if (vote == current) {
            SegmenterState kept = foldCandidate(state);
            return new Step(new SegmenterState(state.nextFrame() + 1, current, kept.segmentStart(),
                    kept.currentSum() + probabilities[current], -1, state.nextFrame() + 1, 0.0, 0.0), null);
        }
        SegmenterState base = state.candidateLabel() == vote ? state : startCandidate(foldCandidate(state), vote);
        long votes = base.nextFrame() + 1 - base.candidateStart();
        double ownSum = base.candidateOwnSum() + probabilities[vote];
        double keepSum = base.candidateKeepSum() + probabilities[current];
        if (votes < policy.minSegmentFrames()) {
            return new Step(new SegmenterState(base.nextFrame() + 1, current, base.segmentStart(), base.currentSum(),
                    vote, base.candidateStart(), ownSum, keepSum), null);
        }
        Segment closed = closedSegment(current, base.segmentStart(), base.candidateStart(), base.currentSum());
        return new Step(new SegmenterState(base.nextFrame() + 1, vote, base.candidateStart(), ownSum,
                -1, base.nextFrame() + 1, 0.0, 0.0), closed);
    }

    /** Closes the open segment at the end of a stream ({@code null} if nothing is open). */
    public Segment flush(SegmenterState state) {
        if (!state.hasOpenSegment()) {
            return null;
        }
        SegmenterState folded = foldCandidate(state);
        return closedSegment(folded.currentLabel(), folded.segmentStart(), folded.nextFrame(), folded.currentSum());
    }

    /** Segments of a whole recording's probabilities {@code [T][labels]}, the last one closed by a flush. */
    public List<Segment> segmentAll(float[][] probabilities) {
        List<Segment> segments = new java.util.ArrayList<>();
        SegmenterState state = SegmenterState.start(0);
        for (float[] frame : probabilities) {
            Step step = accept(state, frame);
            segments.addAll(step.closedSegments());
            state = step.state();
        }
        Segment last = flush(state);
        if (last != null) {
            segments.add(last);
        }
        return segments;
    }

    private int vote(int current, float[] probabilities) {
        int best = argmax(probabilities);
        boolean clearlyBetter = probabilities[best] - probabilities[current] >= policy.switchMargin();
        return best != current && clearlyBetter ? best : current;
    }

    /** A failed candidate's frames belong to the current segment after all. */
    private static SegmenterState foldCandidate(SegmenterState s) {
        if (s.candidateLabel() < 0) {
            return s;
        }
        return new SegmenterState(s.nextFrame(), s.currentLabel(), s.segmentStart(),
                s.currentSum() + s.candidateKeepSum(), -1, s.nextFrame(), 0.0, 0.0);
    }

    private static SegmenterState startCandidate(SegmenterState s, int label) {
        return new SegmenterState(s.nextFrame(), s.currentLabel(), s.segmentStart(), s.currentSum(),
                label, s.nextFrame(), 0.0, 0.0);
    }

    private static Segment closedSegment(int label, long start, long end, double probabilitySum) {
        return new Segment(start, end, label, probabilitySum / (end - start));
    }

    /** Index of the largest value (the first of equal ones): a frame's most probable label. */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
