package io.tagstream.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the demo's output goes to: an interactive terminal (redrawn in place, colours unless switched off) or a pipe or
 * file (plain progress lines, no control characters), and how wide it is.
 *
 * @param interactive whether output is a terminal that can be redrawn in place
 * @param color       whether to use ANSI colours
 * @param width       columns per line
 */
public record Terminal(boolean interactive, boolean color, int width) {

    /** Width when the terminal does not say. */
    public static final int DEFAULT_WIDTH = 80;

    public Terminal {
        if (width < 20) {
            width = DEFAULT_WIDTH;
        }
        color = color && interactive;
    }

    /** Plain output: a pipe or a file. */
    public static final Terminal PLAIN = new Terminal(false, false, DEFAULT_WIDTH);

    /**
     * The console this JVM runs in: interactive when stdin and stdout are a terminal and TERM is not "dumb"; colour
     * unless {@code noColor} or the NO_COLOR convention; width from COLUMNS, else {@code stty size}, else 80.
     */
    public static Terminal detect(boolean noColor, Map<String, String> env) {
        boolean interactive = System.console() != null && !"dumb".equals(env.get("TERM"));
        if (!interactive) {
            return PLAIN;
        }
        boolean color = !noColor && env.get("NO_COLOR") == null;
        return new Terminal(true, color, columns(env));
    }

    private static int columns(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
        } catch (NumberFormatException e) {
            return sttyColumns();
        }
    }

    /** "rows cols" from {@code stty size} on the controlling terminal, or the default. */
    private static int sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroy();
                return DEFAULT_WIDTH;
            }
            String[] parts = out.split("\\s+");
            return parts.length == 2 ? Integer.parseInt(parts[1]) : DEFAULT_WIDTH;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }
}
