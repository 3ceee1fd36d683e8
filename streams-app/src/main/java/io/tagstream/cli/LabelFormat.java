package io.tagstream.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.tagstream.labels.Segment;
import io.tagstream.labels.Segmenter;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/**
 * The output formats of {@code tagstream label}: segments, or one row per frame with {@code --frames}. Each row is
 * written on its own, as soon as its frame or segment is known ({@link LabelPrinter}).
 */
enum LabelFormat {
    /** Audacity label track: start TAB end TAB label, seconds (segments; frames as 10 ms spans). */
    AUDACITY {
        @Override
        void segment(PrintStream out, String stream, Track r, Segment s) {
            out.printf(Locale.ROOT, "%.3f\t%.3f\t%s%n", r.startSeconds(s.startFrame()), r.startSeconds(s.endFrame()),
                    r.labels().get(s.label()));
        }

        @Override
        void frame(PrintStream out, String stream, Track r, long t, float[] p) {
            out.printf(Locale.ROOT, "%.3f\t%.3f\t%s%n", r.startSeconds(t), r.startSeconds(t + 1L), r.labelOf(p));
        }
    },
    /** One JSON object per line, in the wire formats of the segments / labels topics. */
    JSONL {
        @Override
        void segment(PrintStream out, String stream, Track r, Segment s) {
            SegmentRecord record = new SegmentRecord(stream, r.millis(s.startFrame()), r.millis(s.endFrame()),
                    r.labels().get(s.label()), s.confidence());
            out.println(new String(LabelJson.encode(record), StandardCharsets.UTF_8));
        }

        @Override
        void frame(PrintStream out, String stream, Track r, long t, float[] p) {
            LabelRecord record = new LabelRecord(stream, t, r.millis(t), r.millis(t + 1L), r.labelOf(p), r.labels(),
                    p, "file");
            out.println(new String(LabelJson.encode(record), StandardCharsets.UTF_8));
        }
    },
    /** Comma-separated with a header row. */
    CSV {
        @Override
        void header(PrintStream out, Track r, boolean frames) {
            out.println(frames ? "frame,start_s,end_s,label," + String.join(",", r.labels().stream()
                    .map(l -> "p_" + l).toList()) : "start_s,end_s,label,confidence");
        }

        @Override
        void segment(PrintStream out, String stream, Track r, Segment s) {
            out.printf(Locale.ROOT, "%.3f,%.3f,%s,%.4f%n", r.startSeconds(s.startFrame()), r.startSeconds(s.endFrame()),
                    r.labels().get(s.label()), s.confidence());
        }

        @Override
        void frame(PrintStream out, String stream, Track r, long t, float[] p) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%.3f,%.3f,%s", t, r.startSeconds(t),
                    r.startSeconds(t + 1L), r.labelOf(p)));
            for (float v : p) {
                row.append(String.format(Locale.ROOT, ",%.5f", v));
            }
            out.println(row);
        }
    };

    /**
     * What every row needs besides its frame or segment.
     *
     * @param labels    label names, in probability order
     * @param hopMillis frame hop (frame k spans [k*hop, (k+1)*hop))
     */
    record Track(List<String> labels, double hopMillis) {

        Track {
            labels = List.copyOf(labels);
        }

        double startSeconds(long frame) {
            return frame * hopMillis / 1000.0;
        }

        long millis(long frame) {
            return Math.round(frame * hopMillis);
        }

        /** The most probable label of a frame. */
        String labelOf(float[] probabilities) {
            return labels.get(Segmenter.argmax(probabilities));
        }
    }

    /** The first row(s), before any frame or segment. */
    void header(PrintStream out, Track r, boolean frames) {
    }

    abstract void segment(PrintStream out, String stream, Track r, Segment s);

    abstract void frame(PrintStream out, String stream, Track r, long t, float[] probabilities);
}
