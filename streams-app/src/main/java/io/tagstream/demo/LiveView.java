package io.tagstream.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Shows the streams while the demo runs, on its own thread. On an interactive terminal: a block (legend, one
 * {@link TerminalTimeline} row per stream, a status line) redrawn in place every 200 ms. Otherwise (a pipe, a file):
 * a plain progress line every 5 s, no control characters. {@link #close()} draws the final state once more.
 */
public final class LiveView implements AutoCloseable {

    private static final Duration REDRAW = Duration.ofMillis(200);
    private static final Duration PROGRESS = Duration.ofSeconds(5);
    private static final String CLEAR_LINE = "\u001b[2K";

    private final PrintWriter out;
    private final Terminal terminal;
    private final TerminalTimeline timeline;
    private final List<ReceivedLabels> streams;
    private final int framesPerCell;
    private final int nameWidth;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private int drawnLines;

    public LiveView(PrintWriter out, Terminal terminal, TerminalTimeline timeline, List<ReceivedLabels> streams,
                    double hopMs) {
        this.out = out;
        this.terminal = terminal;
        this.timeline = timeline;
        this.streams = List.copyOf(streams);
        this.framesPerCell = TerminalTimeline.framesPerCell(hopMs);
        this.nameWidth = this.streams.stream().mapToInt(s -> s.stream().length()).max().orElse(1);
        this.thread = new Thread(this::run, "tagstream-demo-view");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Duration every = terminal.interactive() ? REDRAW : PROGRESS;
        try {
            while (!closed.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                draw();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        if (terminal.interactive()) {
            redrawBlock();
        } else {
            out.println(progressLine());
        }
        out.flush();
    }

    private void redrawBlock() {
        List<String> lines = new ArrayList<>();
        lines.add(timeline.legend());
        for (ReceivedLabels stream : streams) {
            lines.add(row(stream));
        }
        lines.add(status());
        if (drawnLines > 0) {
            out.print("\u001b[" + drawnLines + "F"); // back to the first line of the block
        }
        for (String line : lines) {
            out.print(CLEAR_LINE + line + "\n");
        }
        drawnLines = lines.size();
    }

    /** The stream's row, with just the cells that fit the terminal (the last column is left free: no auto-wrap). */
    private String row(ReceivedLabels stream) {
        int width = terminal.width() - 1;
        int cells = (stream.received() + framesPerCell - 1) / framesPerCell;
        int firstCell = Math.max(0, cells - width);
        List<String> recent = stream.labelsFrom(firstCell * framesPerCell);
        return timeline.row(stream.stream(), nameWidth, timeline.cells(recent, framesPerCell), stream.current(),
                stream.confidence(), width);
    }

    private String status() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long labels = streams.stream().mapToLong(ReceivedLabels::received).sum();
        return String.format(Locale.ROOT, "%.1f s, %d labels, %.0f frames/s (Ctrl-C stops)", seconds, labels,
                seconds > 0 ? labels / seconds : 0);
    }

    /** "progress 12.3 s: sample-1 1230/5998 frames (speech 93 %), sample-2 ..." */
    String progressLine() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "progress %.1f s:",
                (System.nanoTime() - startNanos) / 1e9));
        for (ReceivedLabels stream : streams) {
            long expected = stream.expectedFrames();
            s.append(' ').append(stream.stream()).append(' ').append(stream.received())
                    .append(expected >= 0 ? "/" + expected : "").append(" frames");
            if (stream.current() != null) {
                s.append(String.format(Locale.ROOT, " (%s %d %%)", stream.current(),
                        Math.round(100 * stream.confidence())));
            }
            s.append(',');
        }
        s.setLength(s.length() - 1);
        return s.toString();
    }

    /** Stops redrawing and draws the final state once (the block, or a last progress line). */
    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join(REDRAW.toMillis() * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
    }
}
