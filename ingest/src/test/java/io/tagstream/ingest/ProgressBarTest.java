package io.tagstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersFractionClampedToTheTotal() {
        ProgressBar bar = ProgressBar.on(System.err, 4.0);
        assertEquals("[..............................]   0% 0.0/4.0 s", bar.render(0));
        assertEquals("[###############...............]  50% 2.0/4.0 s", bar.render(2));
        assertEquals("[##############################] 100% 5.0/4.0 s", bar.render(5));
        assertEquals("1.5 s", ProgressBar.on(System.err, 0).render(1.5));
    }

    @Test
    void redrawsInPlaceOnlyWhenTheLineChangesAndEndsTheLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = ProgressBar.on(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
        bar.update(1.0);
        bar.update(1.0);
        bar.update(2.0);
        bar.finish();
        assertEquals("\r1.0 s\r2.0 s" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAConsoleTheTerminalBarIsTheSilentOne() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null, "only meaningful without a console");
        org.junit.jupiter.api.Assertions.assertSame(ProgressBar.silent(), ProgressBar.forTerminal(4.0));
    }
}
