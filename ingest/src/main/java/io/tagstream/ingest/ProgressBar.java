package io.tagstream.ingest;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with carriage returns, for interactive terminals only: {@link #forTerminal}
 * returns a silent bar when there is no console, so logs and pipes get no control characters.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final ProgressBar SILENT = new ProgressBar(null, 0);

    private final PrintStream out;
    private final double totalSeconds;
    private String lastDrawn = "";

    private ProgressBar(PrintStream out, double totalSeconds) {
        this.out = out;
        this.totalSeconds = totalSeconds;
    }

    /** A bar on standard error when a console is attached, else silent; {@code totalSeconds <= 0} = open-ended. */
    public static ProgressBar forTerminal(double totalSeconds) {
        return System.console() != null ? new ProgressBar(System.err, totalSeconds) : SILENT;
    }

    /** A bar drawn on {@code out} regardless of the console. */
    public static ProgressBar on(PrintStream out, double totalSeconds) {
        return new ProgressBar(out, totalSeconds);
    }

    /** A bar that draws nothing. */
    public static ProgressBar silent() {
        return SILENT;
    }

    /** Redraws the bar if what it shows changed. */
    public void update(double doneSeconds) {
        if (out == null) {
            return;
        }
        String line = render(doneSeconds);
        if (!line.equals(lastDrawn)) {
            out.print("\r" + line);
            out.flush();
            lastDrawn = line;
        }
    }

    /** Ends the bar's line so the next output starts on a fresh one. */
    public void finish() {
        if (out != null && !lastDrawn.isEmpty()) {
            out.println();
            out.flush();
        }
    }

    String render(double doneSeconds) {
        if (totalSeconds <= 0) {
            return String.format(Locale.ROOT, "%.1f s", doneSeconds);
        }
        double fraction = Math.max(0, Math.min(1, doneSeconds / totalSeconds));
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %.1f/%.1f s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), doneSeconds, totalSeconds);
    }
}
