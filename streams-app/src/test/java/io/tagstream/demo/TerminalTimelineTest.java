package io.tagstream.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Timeline rows: cells from frames, the exact ANSI and plain strings, and clipping to the terminal width. */
class TerminalTimelineTest {

    private static final List<String> LABELS = List.of("silence", "speech", "music", "noise");
    private static final String ESC = "\u001b[";

    private final TerminalTimeline plain = new TerminalTimeline(LABELS, false);
    private final TerminalTimeline colour = new TerminalTimeline(LABELS, true);

    @Test
    void aCellShowsTheMostFrequentLabelOfItsFramesTiesToTheEarlierLabel() {
        List<String> frames = List.of(
                "speech", "music", "music", "speech", "music", // cell 0: music 3, speech 2
                "noise", "speech", "speech", "noise", "silence", // cell 1: speech 2 = noise 2 -> speech (earlier)
                "noise"); // cell 2 (partial): noise
        assertEquals(List.of("music", "speech", "noise"), plain.cells(frames, 5));
        assertEquals(List.of(), plain.cells(List.of(), 5));
    }

    @Test
    void framesPerCellIsAQuarterSecondOfFrames() {
        assertEquals(25, TerminalTimeline.framesPerCell(10.0));
        assertEquals(13, TerminalTimeline.framesPerCell(20.0)); // 12.5 rounds up
        assertEquals(1, TerminalTimeline.framesPerCell(1000.0));
    }

    @Test
    void aPlainRowHasALetterPerCellPaddedToTheWidth() {
        String row = plain.row("s1", 4, List.of("silence", "speech", "speech", "music"), "music", 0.874, 40);
        // "s1   " (5) + "|" + ".SSM" + 15 spaces + "|" + " music    87 %" (14: the label padded to 7) = 40
        assertEquals("s1   |.SSM" + " ".repeat(15) + "| music    87 %", row);
        assertEquals(40, row.length());
    }

    @Test
    void aColouredRowPaintsEachRunOfEqualCellsOnce() {
        String row = colour.row("s1", 2, List.of("speech", "speech", "music"), "speech", 0.5, 30);
        // head "s1 " (3) + "|" + 3 cells + room padding + "|" + tail " speech   50 %" (14): room = 30 - 3 - 2 - 14 = 11
        String expected = "s1 |" + ESC + "42m  " + ESC + "0m" + ESC + "44m " + ESC + "0m" + " ".repeat(8) + "|"
                + ESC + "32m speech   50 %" + ESC + "0m";
        assertEquals(expected, row);
        assertEquals(30, visible(row).length());
    }

    @Test
    void beforeTheFirstLabelTheRowShowsADash() {
        // "s1 " (3) + "|" + 17 spaces + "|" + " -------" (8) = 30
        assertEquals("s1 |" + " ".repeat(17) + "| -------", plain.row("s1", 2, List.of(), null, 0, 30));
    }

    @Test
    void longTimelinesScrollSoTheNewestCellsStayAndTheRowFitsTheWidth() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int width = 30 + random.nextInt(120);
            List<String> cells = new ArrayList<>();
            for (int i = random.nextInt(400); i > 0; i--) {
                cells.add(LABELS.get(random.nextInt(LABELS.size())));
            }
            String current = cells.isEmpty() ? null : cells.get(cells.size() - 1);
            for (TerminalTimeline timeline : List.of(plain, colour)) {
                String row = timeline.row("sample-" + trial, 10, cells, current, random.nextDouble(), width);
                assertEquals(width, visible(row).length(), "width " + width + ": " + row);
            }
            String row = plain.row("sample-" + trial, 10, cells, current, 0.5, width);
            String shown = row.substring(row.indexOf('|') + 1, row.lastIndexOf('|')).stripTrailing();
            List<String> tail = cells.subList(cells.size() - shown.length(), cells.size());
            StringBuilder letters = new StringBuilder();
            tail.forEach(c -> letters.append(plain.letter(c)));
            assertEquals(letters.toString(), shown, "the newest cells, in order");
            int room = width - "sample-nnn ".length() - 2 - " silence  50 %".length();
            assertEquals(Math.min(cells.size(), room), shown.length(), "as many cells as fit");
        }
    }

    @Test
    void aTerminalTooNarrowForATimelineGetsNameAndLabelClipped() {
        String row = plain.row("a-long-stream-name", 18, Collections.nCopies(5, "noise"), "noise", 0.9, 25);
        assertEquals("a-long-stream-name noise ", row.substring(0, Math.min(row.length(), 25)));
        assertEquals(25, row.length());
        assertTrue(colour.row("a-long-stream-name", 18, List.of("noise"), "noise", 0.9, 25).indexOf('\u001b') < 0,
                "no colour codes in a clipped row");
    }

    @Test
    void legendNamesEveryLabelWithItsCell() {
        assertEquals("legend: . silence  S speech  M music  N noise", plain.legend());
        assertEquals("legend: " + ESC + "100m " + ESC + "0m silence  " + ESC + "42m " + ESC + "0m speech  "
                + ESC + "44m " + ESC + "0m music  " + ESC + "43m " + ESC + "0m noise", colour.legend());
    }

    /** The row as the terminal shows it: without SGR escape sequences. */
    private static String visible(String row) {
        return row.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
