package io.tagstream.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A private temporary directory for the files exchanged with sox and espeak-ng; deleted (with its content) on
 * {@link #close()}. File names carry a counter only: nothing in the corpus depends on them.
 */
final class WorkFiles implements AutoCloseable {

    private final Path dir;
    private long counter;

    WorkFiles() {
        try {
            this.dir = Files.createTempDirectory("tagstream-synth-");
        } catch (IOException e) {
            throw new CorpusException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    /** A fresh path in the directory, e.g. {@code 000042-load.f32}. */
    synchronized Path next(String suffix) {
        counter++;
        return dir.resolve(String.format(Locale.ROOT, "%06d-%s", counter, suffix));
    }

    /** Deletes {@code file} if it exists; a failure only leaves a file that {@link #close()} removes later. */
    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for close()
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(this::delete);
        } catch (IOException e) {
            throw new CorpusException("cannot clean up " + dir + ": " + e.getMessage(), e);
        }
    }
}
