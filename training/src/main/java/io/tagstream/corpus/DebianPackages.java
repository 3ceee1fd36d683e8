package io.tagstream.corpus;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Debian packages fetched as data, never installed: {@code apt-get download} into {@code CACHE/debs}, then
 * {@code dpkg-deb -x} into {@code CACHE/extract/PACKAGE} (marked done by an {@code .extracted} file, so an
 * interrupted run extracts again). Packages already fetched are not fetched again.
 */
final class DebianPackages {

    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(10);
    private static final String DONE = ".extracted";

    private final Path debs;
    private final Path extract;
    private final ExternalTool aptGet = new ExternalTool("apt-get", "apt-get", "apt");
    private final ExternalTool dpkgDeb = new ExternalTool("dpkg-deb", "dpkg-deb", "dpkg");

    DebianPackages(Path cache) {
        this.debs = cache.resolve("debs");
        this.extract = cache.resolve("extract");
    }

    /** Downloads the packages not yet in the cache and extracts those not yet extracted. */
    void fetch(List<String> packages, java.util.function.Consumer<String> progress) {
        try {
            Files.createDirectories(debs);
            Files.createDirectories(extract);
            List<String> missing = packages.stream().filter(p -> deb(p).isEmpty()).toList();
            if (!missing.isEmpty()) {
                progress.accept("downloading " + missing.size() + " packages into " + debs + " (apt-get download)");
                List<String> args = new ArrayList<>(List.of("download"));
                args.addAll(missing);
                try {
                    aptGet.runIn(debs, args, debs.resolve("apt-get.out"), debs.resolve("apt-get.err"),
                            DOWNLOAD_TIMEOUT);
                } catch (CorpusException e) {
                    throw new CorpusException(e.getMessage() + " (if a package cannot be located, run apt-get update)",
                            e);
                }
            }
            for (String p : packages) {
                Path deb = deb(p).orElseThrow(() -> new CorpusException("apt-get download gave no .deb for " + p));
                Path dir = root(p);
                if (!Files.exists(dir.resolve(DONE))) {
                    progress.accept("extracting " + deb.getFileName());
                    Files.createDirectories(dir);
                    dpkgDeb.run(List.of("-x", deb.toString(), dir.toString()), extract.resolve("dpkg-deb.out"),
                            extract.resolve("dpkg-deb.err"), EXTRACT_TIMEOUT);
                    Files.writeString(dir.resolve(DONE), deb.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new CorpusException("cannot write the package cache: " + e.getMessage(), e);
        }
    }

    /** Where {@code pkg} is extracted. */
    Path root(String pkg) {
        return extract.resolve(pkg);
    }

    /** The version of the fetched {@code pkg}, from its .deb file name (e.g. "1:1.4.22+mm20110907-3.1"). */
    String version(String pkg) {
        String name = deb(pkg).orElseThrow(() -> new CorpusException(pkg + " was not fetched")).getFileName()
                .toString();
        String[] parts = name.split("_");
        return parts.length >= 3 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "?";
    }

    private Optional<Path> deb(String pkg) {
        if (!Files.isDirectory(debs)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(debs)) {
            TreeMap<String, Path> found = new TreeMap<>();
            list.filter(f -> f.getFileName().toString().startsWith(pkg + "_")
                    && f.getFileName().toString().endsWith(".deb")).forEach(f -> found.put(f.toString(), f));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.lastEntry().getValue());
        } catch (IOException e) {
            throw new CorpusException("cannot list " + debs + ": " + e.getMessage(), e);
        }
    }
}
