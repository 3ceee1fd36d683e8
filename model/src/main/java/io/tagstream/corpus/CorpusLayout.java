package io.tagstream.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a corpus keeps its clips, as {@code tagstream synth} writes them and {@code train} and {@code eval} read
 * them: {@code SPLIT/NAME.wav} with its Audacity label file {@code SPLIT/NAME.txt}, in file-name order.
 */
public final class CorpusLayout {

    /** One clip's files. */
    public record ClipFiles(String name, Path wav, Path labels) {
    }

    private CorpusLayout() {
    }

    /**
     * The clips of {@code split} in corpus {@code dir}.
     *
     * @throws CorpusException naming the problem: no split directory, unlistable, no clips, a WAV without labels
     */
    public static List<ClipFiles> clips(Path dir, Split split) {
        Path splitDir = dir.resolve(split.dirName());
        if (!Files.isDirectory(splitDir)) {
            throw new CorpusException(dir + ": no " + split.dirName() + "/ directory (expected "
                    + split.dirName() + "/*.wav with Audacity label files *.txt)");
        }
        List<Path> wavs;
        try (Stream<Path> files = Files.list(splitDir)) {
            wavs = files.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList();
        } catch (IOException e) {
            throw new CorpusException(splitDir + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (wavs.isEmpty()) {
            throw new CorpusException(splitDir + ": no .wav clips");
        }
        List<ClipFiles> clips = new ArrayList<>();
        for (Path wav : wavs) {
            String name = wav.getFileName().toString();
            Path labels = wav.resolveSibling(name.substring(0, name.length() - ".wav".length()) + ".txt");
            if (!Files.isRegularFile(labels)) {
                throw new CorpusException(wav + ": no label file " + labels.getFileName());
            }
            clips.add(new ClipFiles(name, wav, labels));
        }
        return clips;
    }
}
