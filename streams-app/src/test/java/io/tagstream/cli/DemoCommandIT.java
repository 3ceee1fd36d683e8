package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;

/**
 * {@code tagstream demo --speed max --streams 2} as a user runs it, twice in one JVM, against its real embedded
 * broker and streams app: every stream gets exactly one label per frame of the bundled sample, in order; the printed
 * accuracy equals a recomputation (written here, independently of the demo's code) from the labels the demo
 * received and the sample's label track; the second run labels byte-identically and nothing is left behind.
 */
class DemoCommandIT {

    /** Frames of the 60 s sample at the default spec: (960000 - 400) / 160 + 1. */
    private static final int FRAMES = 5_998;
    private static final double HOP_MS = 10;
    private static final double COLLAR_MS = 100;
    private static final Pattern STREAM_LINE = Pattern.compile(
            "^  (sample-[12]): (\\d+)/(\\d+) frames, accuracy [0-9.]+ % \\((\\d+) of (\\d+) scored frames\\)",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void labelsEveryFrameOfTheSampleScoresItAndRunsAgainCleanly() throws Exception {
        Path model = RandomModelFile.write(dir.resolve("random.zip"), 11);
        Set<String> stateDirsBefore = demoStateDirs();

        Map<String, List<byte[]>> first = runAndCheck(model, dir.resolve("labels-1.jsonl"));
        Map<String, List<byte[]>> second = runAndCheck(model, dir.resolve("labels-2.jsonl"));

        for (String stream : List.of("sample-1", "sample-2")) {
            for (int f = 0; f < FRAMES; f++) {
                assertEquals(new String(first.get(stream).get(f), StandardCharsets.UTF_8),
                        new String(second.get(stream).get(f), StandardCharsets.UTF_8), stream + " frame " + f);
            }
        }
        assertEquals(stateDirsBefore, demoStateDirs(), "the Kafka Streams state directories are deleted");
        List<String> leftover = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("tagstream-demo")).toList();
        assertEquals(List.of(), leftover, "the demo's threads are gone");
    }

    /** One demo run: exit 0, exactly FRAMES labels per stream in order, printed accuracy == recomputed accuracy. */
    private Map<String, List<byte[]>> runAndCheck(Path model, Path labelsOut) throws IOException {
        TagstreamCommandTest.Run run = assertTimeoutPreemptively(Duration.ofSeconds(150),
                () -> new TagstreamCommandTest.Run("demo", "--model", model.toString(), "--speed", "max", "--streams",
                        "2", "--port", "0", "--labels-out", labelsOut.toString()));
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains("dashboard: http://127.0.0.1:"), run.out);
        assertTrue(run.out.contains("summary (every stream ended):"), run.out);
        assertTrue(!run.out.contains("\u001b["), "no ANSI codes when the output is not a terminal");

        Map<String, List<byte[]>> labels = readLabels(labelsOut);
        List<String[]> reference = referenceRegions();
        Matcher line = STREAM_LINE.matcher(run.out);
        int streams = 0;
        while (line.find()) {
            streams++;
            String stream = line.group(1);
            assertEquals(FRAMES, Integer.parseInt(line.group(2)), stream + " labels received");
            assertEquals(FRAMES, Integer.parseInt(line.group(3)), stream + " frames sent");
            List<byte[]> received = labels.get(stream);
            assertEquals(FRAMES, received.size(), stream + ": one label per frame in the labels file");
            long[] expected = correctAndScored(received, reference);
            assertEquals(expected[0], Long.parseLong(line.group(4)), stream + " correct frames");
            assertEquals(expected[1], Long.parseLong(line.group(5)), stream + " scored frames");
        }
        assertEquals(2, streams, run.out);
        return labels;
    }

    /** Labels per stream from the JSON-lines file, checked to be frames 0, 1, 2, ... in order. */
    private static Map<String, List<byte[]>> readLabels(Path file) throws IOException {
        Map<String, List<byte[]>> perStream = new LinkedHashMap<>();
        for (String json : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            LabelRecord record = LabelJson.decodeLabel(bytes);
            List<byte[]> stream = perStream.computeIfAbsent(record.stream(), s -> new ArrayList<>());
            assertEquals(stream.size(), record.frame(), record.stream() + ": frames in order");
            stream.add(bytes);
        }
        return perStream;
    }

    /**
     * {correct, scored} by the rules of docs/demo.md, computed directly: frame k's reference is the region holding
     * its centre (k + 0.5) * 10 ms; it is scored unless that centre is closer than 100 ms to a time where the
     * reference label changes.
     */
    private static long[] correctAndScored(List<byte[]> labels, List<String[]> regions) {
        List<Double> changes = new ArrayList<>();
        for (int i = 1; i < regions.size(); i++) {
            if (!regions.get(i)[2].equals(regions.get(i - 1)[2])) {
                changes.add(Double.parseDouble(regions.get(i)[0]) * 1000);
            }
        }
        long correct = 0;
        long scored = 0;
        for (int k = 0; k < labels.size(); k++) {
            double centre = (k + 0.5) * HOP_MS;
            String reference = null;
            for (String[] region : regions) {
                if (Double.parseDouble(region[0]) * 1000 <= centre && centre < Double.parseDouble(region[1]) * 1000) {
                    reference = region[2];
                }
            }
            boolean nearChange = changes.stream().anyMatch(c -> Math.abs(c - centre) < COLLAR_MS);
            if (reference != null && !nearChange) {
                scored++;
                correct += reference.equals(LabelJson.decodeLabel(labels.get(k)).label()) ? 1 : 0;
            }
        }
        return new long[] {correct, scored};
    }

    /** sample.txt as {start, end, label} rows (contiguous regions). */
    private static List<String[]> referenceRegions() throws IOException {
        try (InputStream in = DemoCommandIT.class.getResourceAsStream("/io/tagstream/demo/sample.txt")) {
            assertTrue(in != null, "sample.txt on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> l.split("\t")).toList();
        }
    }

    private static Set<String> demoStateDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tagstream-demo-state-"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
