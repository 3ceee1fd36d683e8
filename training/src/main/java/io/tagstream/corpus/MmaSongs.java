package io.tagstream.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The accompaniment songs of the {@code mma} package (Musical MIDI Accompaniment): for every style of MMA's standard
 * library, {@code usr/share/mma/lib/stdlib/STYLE.mma}, one song {@code rendered/STYLE.mid} in the extracted package:
 * the style's first groove (drums, bass, chords and whatever else the style plays) over {@value #BARS} bars of a
 * chord progression, at a tempo of 80-139 bpm. The style {@value #SILENT_STYLE} (a silent groove) has no song.
 * Progression and tempo follow from the style's name, and MMA's own random humanising is seeded
 * ({@code RndSeed}), so a style renders the same MIDI on every machine. The source rules then take
 * {@code rendered/*.mid} as music, and the library renders the MIDI like every other ({@link SourceDecoder}:
 * fluidsynth with the split's soundfont).
 * <p>
 * MMA is a Python program: it runs from the extracted package with {@code python3}, in MMA's own directory (where
 * it finds its modules and library); nothing is installed. Rerunning keeps the songs already rendered.
 */
final class MmaSongs {

    /** The Debian package. */
    static final String PACKAGE = "mma";
    /** Where the songs go, inside the extracted package. */
    static final String FOLDER = "rendered";
    static final int BARS = 32;

    /** MMA's empty style: a silent groove, nothing to render (MMA refuses it). */
    static final String SILENT_STYLE = "none";

    private static final String HOME = "usr/share/mma";
    private static final String STYLES = HOME + "/lib/stdlib";
    private static final String PROGRAM = "usr/bin/mma";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern DEF_GROOVE = Pattern.compile("^\\s*DefGroove\\s+(\\S+)", Pattern.CASE_INSENSITIVE);
    /** Four-bar progressions in C (one chord a bar), repeated to {@link #BARS} bars. */
    private static final List<List<String>> PROGRESSIONS = List.of(
            List.of("C", "Am", "Dm7", "G7"),
            List.of("C", "F", "G7", "C"),
            List.of("Am", "F", "C", "G"),
            List.of("Dm7", "G7", "Cmaj7", "A7"),
            List.of("C7", "F7", "C7", "G7"),
            List.of("Em", "Am", "D7", "G"));

    private MmaSongs() {
    }

    /**
     * Renders the song of every style under {@code packageRoot} (the extracted {@code mma} package) that is not
     * rendered yet.
     *
     * @throws MissingPackageException if python3 is missing
     * @throws CorpusException          if MMA fails on a style
     */
    static void renderAll(Path packageRoot, WorkFiles work, Consumer<String> progress) throws IOException {
        Path root = packageRoot.toAbsolutePath();   // MMA runs in its own directory, where a relative path misses
        Path styles = root.resolve(STYLES);
        if (!Files.isDirectory(styles)) {
            throw new MissingPackageException("MMA's standard library " + styles + " not found", PACKAGE);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(styles)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".mma")).sorted().toList();
        }
        Path out = Files.createDirectories(root.resolve(FOLDER));
        ExternalTool python = new ExternalTool("python3", "python3 (to run MMA)", "python3");
        int rendered = 0;
        for (Path file : files) {
            String style = file.getFileName().toString().replaceFirst("\\.mma$", "");
            Path midi = out.resolve(style + ".mid");
            if (Files.exists(midi) || style.equals(SILENT_STYLE)) {
                continue;
            }
            Optional<String> groove = firstGroove(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            if (groove.isEmpty()) {
                continue;
            }
            Path song = work.next(style + ".mma");
            Files.writeString(song, song(style, groove.get()), StandardCharsets.UTF_8);
            Path partial = work.next(style + ".mid");
            python.runIn(root.resolve(HOME), List.of(root.resolve(PROGRAM).toString(), "-f",
                    partial.toString(), song.toString()), work.next("mma.out"), work.next("mma.err"), TIMEOUT);
            Files.move(partial, midi, StandardCopyOption.REPLACE_EXISTING);
            rendered++;
        }
        progress.accept("  mma: " + files.size() + " styles, " + rendered + " songs rendered now");
    }

    /** The first groove a style file defines ({@code DefGroove NAME ...}), if any. */
    static Optional<String> firstGroove(List<String> lines) {
        for (String line : lines) {
            Matcher m = DEF_GROOVE.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The MMA song of {@code style}: its groove {@code groove} over {@value #BARS} bars. */
    static String song(String style, String groove) {
        int hash = Math.floorMod(style.hashCode(), 1 << 16);   // String.hashCode is specified: the same everywhere
        List<String> progression = PROGRESSIONS.get(hash % PROGRESSIONS.size());
        StringBuilder text = new StringBuilder();
        text.append("// tagstream: the ").append(style).append(" style's first groove\n");
        text.append("RndSeed ").append(hash).append('\n');
        text.append("Tempo ").append(80 + hash % 60).append('\n');
        text.append("Use stdlib/").append(style).append('\n');
        text.append("Groove ").append(groove).append('\n');
        for (int bar = 1; bar <= BARS; bar++) {
            text.append(bar).append(' ').append(progression.get((bar - 1) % progression.size())).append('\n');
        }
        return text.toString();
    }
}
