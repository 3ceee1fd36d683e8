package io.tagstream.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.tagstream.labels.LabelSink;
import io.tagstream.labels.Segment;

/**
 * Writes {@code tagstream label}'s rows in a {@link LabelFormat} as the labeller hands them over: the header first,
 * then each frame (with {@code --frames}) or each closed segment, flushed after every block of audio, so rows appear
 * while a long file is still being read and nothing accumulates.
 */
final class LabelPrinter implements LabelSink {

    private final LabelFormat format;
    private final PrintStream out;
    private final String stream;
    private final LabelFormat.Track track;
    private final boolean frames;

    /**
     * @param stream what the JSON rows call the stream (the file name without .wav)
     * @param frames one row per frame instead of one per segment
     */
    LabelPrinter(LabelFormat format, OutputStream out, String stream, LabelFormat.Track track, boolean frames) {
        this.format = format;
        this.out = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
        this.stream = stream;
        this.track = track;
        this.frames = frames;
    }

    @Override
    public void begin(long frameCount) {
        format.header(out, track, frames);
        out.flush();
    }

    @Override
    public void frame(long frame, float[] probabilities) {
        if (frames) {
            format.frame(out, stream, track, frame, probabilities);
        }
    }

    @Override
    public void segment(Segment segment) {
        if (!frames) {
            format.segment(out, stream, track, segment);
        }
    }

    @Override
    public void caughtUp() {
        out.flush();
    }
}
