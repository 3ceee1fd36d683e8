package io.tagstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.tagstream.corpus.CorpusException;
import io.tagstream.corpus.SourceLibrary;
import io.tagstream.corpus.SourceLibraryBuilder;
import io.tagstream.corpus.SourceLocations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream sources}: fetches the real-recording source packages into a cache and makes the source library
 * that {@code tagstream synth --library} draws real speech, music and noise from.
 */
@Command(
        name = "sources",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fetches the Debian packages of real recordings (games' soundtracks and sound",
            "effects, spoken prompts and words in many languages; list and licences in",
            "NOTICE.md) with apt-get download into CACHE/debs, extracts them (nothing is",
            "installed), and makes CACHE/library: every kept file as a trimmed 16 kHz mono",
            "WAV, and CACHE/library/sources.tsv with every file's decision (class, split,",
            "source, or excluded and why). Reruns resume. Needs apt-get, dpkg-deb, sox,",
            "opusdec (opus-tools), fluidsynth and openmpt123, and about 5 GB of disk."})
public final class SourcesCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--cache", required = true, paramLabel = "DIR",
            description = "Cache directory: debs/, extract/ and library/ go here.")
    private Path cache;

    @Option(names = "--jobs", paramLabel = "N", description = "Decoders run at once (default: the processors).")
    private int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--sox", paramLabel = "CMD", description = "sox executable (default: ${DEFAULT-VALUE}).")
    private String sox = SourceLocations.DEBIAN.soxCommand();

    @Override
    public Integer call() {
        if (jobs < 1 || jobs > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be 1..64, got " + jobs);
        }
        PrintWriter err = spec.commandLine().getErr();
        SourceLibrary library;
        try {
            library = SourceLibraryBuilder.build(cache, sox, jobs, line -> {
                err.println(line);
                err.flush();
            });
        } catch (CorpusException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("library: " + cache.resolve("library") + " (" + library.entries().stream()
                .filter(e -> e.kept()).count() + " files kept, " + library.entries().stream()
                .filter(e -> !e.kept()).count() + " excluded)");
        out.flush();
        return 0;
    }
}
