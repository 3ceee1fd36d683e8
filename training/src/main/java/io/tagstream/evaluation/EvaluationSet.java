package io.tagstream.evaluation;

import io.tagstream.corpus.CorpusException;
import io.tagstream.corpus.CorpusLayout;
import io.tagstream.corpus.CorpusManifest;
import io.tagstream.corpus.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recordings an evaluation scores.
 *
 * @param description what they are, for the report (e.g. "dev split of corpus 'c20' (tagstream synth, seed 7)")
 * @param recordings  the recordings with their reference labels, in order
 */
public record EvaluationSet(String description, List<ReferencedRecording> recordings) {

    public EvaluationSet {
        recordings = List.copyOf(recordings);
    }

    /**
     * The clips of a corpus as {@code tagstream synth} writes it: every {@code SPLIT/*.wav} with its label file
     * {@code SPLIT/*.txt}, in file-name order.
     *
     * @throws EvaluationException naming the problem: no such directory or split, no clips, a WAV without labels
     */
    public static EvaluationSet fromCorpus(Path dir, EvaluationSplit which) {
        if (!Files.isDirectory(dir)) {
            throw new EvaluationException(dir + ": no such corpus directory");
        }
        CorpusManifest manifest = manifest(dir);
        Map<String, Map<String, List<String>>> sources = new HashMap<>();
        if (manifest != null) {
            manifest.splits().values().forEach(s -> s.clips().forEach(c -> sources.put(c.wav(), c.sources())));
        }
        List<ReferencedRecording> recordings = new ArrayList<>();
        for (Split split : which.splits()) {
            recordings.addAll(splitRecordings(dir, split, sources));
        }
        String name = String.valueOf(dir.toAbsolutePath().normalize().getFileName());
        String origin = manifest == null ? "" : String.format(Locale.ROOT, " (%s, seed %d, %.1f minutes)",
                manifest.generator(), manifest.seed(), manifest.minutes());
        return new EvaluationSet(which.description() + " of corpus '" + name + "'" + origin, recordings);
    }

    /** One recording and its label file. */
    public static EvaluationSet single(Path wav, Path labels) {
        if (!Files.isRegularFile(wav)) {
            throw new EvaluationException(wav + ": no such file");
        }
        if (!Files.isRegularFile(labels)) {
            throw new EvaluationException(labels + ": no such label file");
        }
        String name = String.valueOf(wav.getFileName());
        return new EvaluationSet("recording " + name + " with labels " + labels.getFileName(),
                List.of(new ReferencedRecording(name, wav, labels)));
    }

    /** The clips of {@code split}, each with its sources by class from {@code sources} (keyed "dev/clip-0001.wav"). */
    private static List<ReferencedRecording> splitRecordings(Path dir, Split split,
            Map<String, Map<String, List<String>>> sources) {
        try {
            return CorpusLayout.clips(dir, split).stream()
                    .map(c -> new ReferencedRecording(split.dirName() + "/" + c.name(), c.wav(), c.labels(),
                            c.layers(), sources.getOrDefault(split.dirName() + "/" + c.wav().getFileName(),
                                    Map.of())))
                    .toList();
        } catch (CorpusException e) {
            throw new EvaluationException(e.getMessage(), e);
        }
    }

    /** The corpus's manifest, or null when it has none. */
    private static CorpusManifest manifest(Path dir) {
        Path manifest = dir.resolve(CorpusManifest.FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            return CorpusManifest.read(manifest);
        } catch (IOException e) {
            throw new EvaluationException(manifest + ": unreadable manifest (" + e.getMessage() + ")", e);
        }
    }
}
