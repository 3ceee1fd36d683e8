package io.tagstream.corpus;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.WavDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code tagstream sources}: makes the real-recording {@link SourceLibrary} in {@code CACHE/library} from the
 * packages of {@code real-source-packages.tsv}, by the rules of {@code real-source-rules.tsv}:
 * <ol>
 *   <li>fetch and extract the packages ({@link DebianPackages}), unpack their containers ({@link SourceContainers}),
 *       render the accompaniment songs of MMA's styles ({@link MmaSongs});</li>
 *   <li>decide every audio file by the first matching rule ({@link SourceRules}); a later file with the same bytes
 *       (md5) as a kept one is excluded as a duplicate;</li>
 *   <li>decode every kept file, or the mixed parts of one track, to a trimmed 16 kHz mono WAV
 *       ({@link SourceDecoder}); a recording shorter than {@value #MIN_SECONDS} s or with a peak below
 *       {@value #MIN_PEAK_DBFS} dBFS after trimming is excluded;</li>
 *   <li>write {@code sources.tsv} (every file and its decision) and {@code packages.tsv} (versions, licences).</li>
 * </ol>
 * Rerunning resumes: packages, containers and recordings already made are kept.
 */
public final class SourceLibraryBuilder {

    static final double MIN_SECONDS = 0.05;
    static final double MIN_PEAK_DBFS = -45;
    static final String LIBRARY = "library";

    private SourceLibraryBuilder() {
    }

    /**
     * Makes (or completes) the library under {@code cache}.
     *
     * @param jobs     decoders run at once
     * @param progress receives one line per step and per package
     * @return the library
     */
    public static SourceLibrary build(Path cache, String soxCommand, int jobs, Consumer<String> progress) {
        List<RealSourcePackage> packages = RealSourcePackage.bundled();
        DebianPackages debian = new DebianPackages(cache);
        debian.fetch(packages.stream().map(RealSourcePackage::name).toList(), progress);
        Path library = cache.resolve(LIBRARY);
        SourceRules rules = SourceRules.bundled();
        try (WorkFiles work = new WorkFiles()) {
            SourceDecoder decoder = new SourceDecoder(soxCommand,
                    soundfont(debian.root(RealSourcePackage.TRAIN_SOUNDFONT_PACKAGE), ".sf2"),
                    soundfont(debian.root(RealSourcePackage.DEV_SOUNDFONT_PACKAGE), ".sf3"), work);
            decoder.checkTools();
            Files.createDirectories(library);
            List<Candidate> candidates = new ArrayList<>();
            for (RealSourcePackage p : packages) {
                if (!p.isSoundfont()) {
                    if (p.name().equals(MmaSongs.PACKAGE)) {
                        MmaSongs.renderAll(debian.root(p.name()), work, progress);
                    }
                    candidates.addAll(decide(p.name(), debian.root(p.name()), rules));
                }
            }
            excludeDuplicates(candidates);
            List<LibraryEntry> entries = decodeAll(candidates, library, decoder, jobs, progress);
            SourceLibrary.write(library, entries);
            writePackages(library, packages, debian);
            summarise(entries, progress);
            return SourceLibrary.read(library);
        } catch (IOException e) {
            throw new CorpusException("cannot write the source library in " + library + ": " + e.getMessage(), e);
        }
    }

    /** One audio file of a package and its decision. */
    private static final class Candidate {
        final String pkg;
        final Path file;
        final String path;
        SourceDecision decision;

        Candidate(String pkg, Path file, String path, SourceDecision decision) {
            this.pkg = pkg;
            this.file = file;
            this.path = path;
            this.decision = decision;
        }

        /** The recording of this file, relative to the library: the track folder for parts. */
        String recording() {
            String base = decision.part() ? path.substring(0, path.lastIndexOf('/')) : path;
            return "audio/" + pkg + "/" + base + ".wav";
        }
    }

    private static List<Candidate> decide(String pkg, Path root, SourceRules rules) throws IOException {
        SourceContainers.unpackAll(root);
        List<Candidate> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (path.startsWith("usr/share/doc/") || !SourceDecoder.Format.isAudio(file)) {
                    continue;
                }
                out.add(new Candidate(pkg, file, path, rules.decide(pkg, path)));
            }
        }
        return out;
    }

    /** A kept file with the same bytes as an earlier kept file is a duplicate (the first copy is kept). */
    private static void excludeDuplicates(List<Candidate> candidates) throws IOException {
        Map<String, String> firstByMd5 = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.decision.kept()) {
                String first = firstByMd5.putIfAbsent(md5(c.file), c.pkg + "/" + c.path);
                if (first != null) {
                    c.decision = SourceDecision.excluded("md5 duplicate of " + first);
                }
            }
        }
    }

    private static List<LibraryEntry> decodeAll(List<Candidate> candidates, Path library, SourceDecoder decoder,
            int jobs, Consumer<String> progress) {
        Map<String, List<Candidate>> recordings = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.decision.kept()) {
                recordings.computeIfAbsent(c.recording(), r -> new ArrayList<>()).add(c);
            }
        }
        progress.accept("decoding " + recordings.size() + " recordings into " + library + " (" + jobs + " jobs)");
        Map<String, Future<Made>> made = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            recordings.forEach((recording, parts) -> made.put(recording,
                    pool.submit(() -> make(library, recording, parts, decoder))));
            List<LibraryEntry> entries = new ArrayList<>();
            int done = 0;
            for (Candidate c : candidates) {
                if (!c.decision.kept()) {
                    entries.add(new LibraryEntry(c.pkg, c.path, "excluded", "-", "-", 0, 0, c.decision.reason(), "-"));
                    continue;
                }
                Made m = made.get(c.recording()).get();
                if (++done % 500 == 0) {
                    progress.accept("  " + done + " files decided and decoded");
                }
                SourceDecision d = c.decision;
                entries.add(m.problem() != null
                        ? new LibraryEntry(c.pkg, c.path, "excluded", "-", "-", 0, 0, m.problem(), "-")
                        : new LibraryEntry(c.pkg, c.path, d.label(), d.split().dirName(), d.sourceId(), m.seconds(),
                                m.rate(), d.reason(), c.recording()));
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorpusException("interrupted while decoding the source library", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new CorpusException("decoding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What decoding gave: the length and source rate, or why the recording is left out. */
    private record Made(double seconds, int rate, String problem) {
    }

    private static Made make(Path library, String recording, List<Candidate> parts, SourceDecoder decoder)
            throws IOException {
        Path out = library.resolve(recording);
        Path rateFile = library.resolve(recording + ".rate");
        if (!Files.exists(out) || !Files.exists(rateFile)) {
            Files.createDirectories(out.getParent());
            Path partial = out.resolveSibling(out.getFileName() + ".partial.wav");
            int rate;
            try {
                rate = decoder.decode(parts.stream().map(c -> c.file).toList(), parts.get(0).decision.split(),
                        partial);
            } catch (MissingPackageException e) {
                throw e;
            } catch (CorpusException e) {
                Files.deleteIfExists(partial);
                return new Made(0, 0, "cannot decode: " + e.getMessage().replace('\t', ' '));
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(rateFile, Integer.toString(rate));
        }
        int rate = Integer.parseInt(Files.readString(rateFile).strip());
        try {
            DecodedAudio audio = WavDecoder.decode(out, SourceDecoder.RATE);
            double seconds = audio.samples().length / (double) SourceDecoder.RATE;
            double peakDb = 20 * Math.log10(Math.max(1e-9, Loudness.peak(audio.samples())));
            if (seconds < MIN_SECONDS || peakDb < MIN_PEAK_DBFS) {
                return new Made(0, 0, String.format(java.util.Locale.ROOT,
                        "silent or too short after trimming (%.3f s, peak %.1f dBFS)", seconds, peakDb));
            }
            return new Made(seconds, rate, null);
        } catch (AudioFileException e) {
            return new Made(0, 0, "silent after trimming (nothing above -50 dBFS): " + e.getMessage());
        }
    }

    private static Path soundfont(Path root, String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(extension)).sorted().findFirst()
                    .orElseThrow(() -> new CorpusException("no " + extension + " soundfont in " + root));
        }
    }

    private static void writePackages(Path library, List<RealSourcePackage> packages, DebianPackages debian)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of("package\tversion\trole\tlicence\tholder"));
        for (RealSourcePackage p : packages) {
            lines.add(String.join("\t", p.name(), debian.version(p.name()), p.role(), p.licence(), p.holder()));
        }
        Files.write(library.resolve(SourceLibrary.PACKAGES_FILE), lines, StandardCharsets.UTF_8);
    }

    private static void summarise(List<LibraryEntry> entries, Consumer<String> progress) {
        Map<String, double[]> minutes = new java.util.TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LibraryEntry e : entries) {
            if (e.kept() && seen.add(e.recording())) {
                double[] sum = minutes.computeIfAbsent(e.decision() + " " + e.split(), k -> new double[2]);
                sum[0] += e.seconds() / 60;
                sum[1]++;
            }
        }
        minutes.forEach((k, v) -> progress.accept(String.format(java.util.Locale.ROOT,
                "%-12s %6.0f recordings %8.1f min", k, v[1], v[0])));
        progress.accept("excluded: " + entries.stream().filter(e -> !e.kept()).count() + " files (reasons in "
                + SourceLibrary.SOURCES_FILE + ")");
    }

    private static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
