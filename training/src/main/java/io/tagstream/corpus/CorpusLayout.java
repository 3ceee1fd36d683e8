package io.tagstream.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a corpus keeps its clips, as {@code tagstream synth} writes them and {@code train} and {@code eval} read
 * them: {@code SPLIT/NAME.wav} with its Audacity label file {@code SPLIT/NAME.txt}, in file-name order, and, in
 * corpora made since the layers files, {@code SPLIT/NAME.layers.txt} (where each class is present under the labels).
 */
public final class CorpusLayout {

    /** File name ending of a clip's layers file, beside {@code NAME.wav} and {@code NAME.txt}. */
    public static final String LAYERS_SUFFIX = ".layers.txt";

    /** One clip's files; {@code layers} is null when the clip has no layers file (older corpora). */
    public record ClipFiles(String name, Path wav, Path labels, Path layers) {
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
            String stem = name.substring(0, name.length() - ".wav".length());
            Path labels = wav.resolveSibling(stem + ".txt");
            if (!Files.isRegularFile(labels)) {
                throw new CorpusException(wav + ": no label file " + labels.getFileName());
            }
            Path layers = wav.resolveSibling(stem + LAYERS_SUFFIX);
            clips.add(new ClipFiles(name, wav, labels, Files.isRegularFile(layers) ? layers : null));
        }
        return clips;
    }
}
