package io.tagstream.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.tagstream.labels.LabelledRecording;
import io.tagstream.labels.Segment;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/** The output formats of {@code tagstream label}: segments, or one row per frame with {@code --frames}. */
enum LabelFormat {
    /** Audacity label track: start TAB end TAB label, seconds (segments; frames as 10 ms spans). */
    AUDACITY {
        @Override
        void segment(PrintStream out, String stream, LabelledRecording r, Segment s) {
            out.printf(Locale.ROOT, "%.3f\t%.3f\t%s%n", r.startSeconds(s.startFrame()), r.startSeconds(s.endFrame()),
                    r.labels().get(s.label()));
        }

        @Override
        void frame(PrintStream out, String stream, LabelledRecording r, int t) {
            out.printf(Locale.ROOT, "%.3f\t%.3f\t%s%n", r.startSeconds(t), r.startSeconds(t + 1L), r.labelOf(t));
        }
    },
    /** One JSON object per line, in the wire formats of the segments / labels topics. */
    JSONL {
        @Override
        void segment(PrintStream out, String stream, LabelledRecording r, Segment s) {
            SegmentRecord record = new SegmentRecord(stream, millis(r, s.startFrame()), millis(r, s.endFrame()),
                    r.labels().get(s.label()), s.confidence());
            out.println(new String(LabelJson.encode(record), StandardCharsets.UTF_8));
        }

        @Override
        void frame(PrintStream out, String stream, LabelledRecording r, int t) {
            LabelRecord record = new LabelRecord(stream, t, millis(r, t), millis(r, t + 1L), r.labelOf(t), r.labels(),
                    r.probabilities()[t], "file");
            out.println(new String(LabelJson.encode(record), StandardCharsets.UTF_8));
        }
    },
    /** Comma-separated with a header row. */
    CSV {
        @Override
        void header(PrintStream out, LabelledRecording r, boolean frames) {
            out.println(frames ? "frame,start_s,end_s,label," + String.join(",", r.labels().stream()
                    .map(l -> "p_" + l).toList()) : "start_s,end_s,label,confidence");
        }

        @Override
        void segment(PrintStream out, String stream, LabelledRecording r, Segment s) {
            out.printf(Locale.ROOT, "%.3f,%.3f,%s,%.4f%n", r.startSeconds(s.startFrame()), r.startSeconds(s.endFrame()),
                    r.labels().get(s.label()), s.confidence());
        }

        @Override
        void frame(PrintStream out, String stream, LabelledRecording r, int t) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%.3f,%.3f,%s", t, r.startSeconds(t),
                    r.startSeconds(t + 1L), r.labelOf(t)));
            for (float p : r.probabilities()[t]) {
                row.append(String.format(Locale.ROOT, ",%.5f", p));
            }
            out.println(row);
        }
    };

    void header(PrintStream out, LabelledRecording r, boolean frames) {
    }

    abstract void segment(PrintStream out, String stream, LabelledRecording r, Segment s);

    abstract void frame(PrintStream out, String stream, LabelledRecording r, int t);

    /** Writes the whole recording: its segments, or every frame. */
    void write(PrintStream out, String stream, LabelledRecording r, boolean frames) {
        header(out, r, frames);
        if (frames) {
            for (int t = 0; t < r.frames(); t++) {
                frame(out, stream, r, t);
            }
        } else {
            for (Segment s : r.segments()) {
                segment(out, stream, r, s);
            }
        }
        out.flush();
    }

    private static long millis(LabelledRecording r, long frame) {
        return Math.round(frame * r.hopMillis());
    }
}
