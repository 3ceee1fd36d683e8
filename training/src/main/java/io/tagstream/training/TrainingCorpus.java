package io.tagstream.training;

import io.tagstream.reference.AudacityLabels;
import io.tagstream.corpus.CorpusException;
import io.tagstream.corpus.CorpusLayout;
import io.tagstream.corpus.CorpusManifest;
import io.tagstream.corpus.Split;
import io.tagstream.features.AudioFileException;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.features.WavDecoder;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.FrameTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A labelled corpus in memory: every clip of {@code DIR/train} and {@code DIR/dev} (WAV + Audacity label file of
 * the same name, as {@code tagstream synth} writes them) turned into feature frames and per-frame targets. Features
 * are computed as the pipeline computes them: the audio is decoded at the spec's rate, quantised to 16-bit PCM (the
 * wire format) and framed by {@link StreamingFeatureExtractor#extractAll} with {@link TarsosFeatureExtractor}.
 *
 * @param train       training clips, in file-name order
 * @param dev         validation clips, in file-name order
 * @param description what the corpus is (from its manifest when there is one), for model provenance
 */
public record TrainingCorpus(List<LabelledClip> train, List<LabelledClip> dev, String description) {

    public TrainingCorpus {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    /**
     * Loads {@code dir}.
     *
     * @param progress receives one line per clip loaded
     * @throws TrainingDataException naming the problem: no such directory or split, no clips, a WAV file without a
     *                               label file, undecodable audio, a bad label file
     */
    public static TrainingCorpus load(Path dir, FeatureSpec spec, LabelSet labels, Consumer<String> progress) {
        List<LabelledClip> train = loadSplit(dir, Split.TRAIN, spec, labels, progress);
        List<LabelledClip> dev = loadSplit(dir, Split.DEV, spec, labels, progress);
        return new TrainingCorpus(train, dev, describe(dir, train, dev, spec));
    }

    /**
     * Loads one split of {@code dir} (e.g. the dev split a trained model's decision is fitted on).
     *
     * @throws TrainingDataException as {@link #load} does
     */
    public static List<LabelledClip> loadSplit(Path dir, Split split, FeatureSpec spec, LabelSet labels,
                                               Consumer<String> progress) {
        if (!Files.isDirectory(dir)) {
            throw new TrainingDataException(dir + ": no such corpus directory");
        }
        List<CorpusLayout.ClipFiles> files;
        try {
            files = CorpusLayout.clips(dir, split);
        } catch (CorpusException e) {
            throw new TrainingDataException(e.getMessage(), e);
        }
        TarsosFeatureExtractor extractor = new TarsosFeatureExtractor(spec);
        List<LabelledClip> clips = new ArrayList<>();
        for (CorpusLayout.ClipFiles clip : files) {
            clips.add(loadClip(clip, extractor, spec, labels));
            progress.accept("loaded " + split.dirName() + "/" + clip.name() + " (" + clips.size() + "/"
                    + files.size() + ")");
        }
        return clips;
    }

    private static LabelledClip loadClip(CorpusLayout.ClipFiles clip, TarsosFeatureExtractor extractor,
                                         FeatureSpec spec, LabelSet labels) {
        Path wav = clip.wav();
        Path labelFile = clip.labels();
        try {
            float[] samples = WavDecoder.decode(wav, spec.sampleRate()).samples();
            float[] pcm = Pcm16.toFloat(Pcm16.quantize(samples));
            float[][] frames = StreamingFeatureExtractor.extractAll(extractor, pcm);         // [T][I]
            int[] targets = FrameTargets.of(AudacityLabels.read(labelFile), frames.length, spec.hopMillis() / 1000,
                    labels, labelFile.getFileName().toString());
            return new LabelledClip(clip.name(), frames, targets);
        } catch (AudioFileException e) {
            throw new TrainingDataException(wav.getParent().getFileName() + "/" + e.getMessage(), e);
        } catch (IOException e) {
            throw new TrainingDataException(labelFile + ": cannot read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new TrainingDataException(e.getMessage(), e);
        }
    }

    /** "tagstream synth corpus 'c20' (seed 7, 20.0 minutes): train 22 clips 970.00 s, dev 6 clips 248.00 s". */
    private static String describe(Path dir, List<LabelledClip> train, List<LabelledClip> dev, FeatureSpec spec) {
        String name = String.valueOf(dir.toAbsolutePath().normalize().getFileName());
        String origin = "corpus '" + name + "'";
        Path manifestFile = dir.resolve(CorpusManifest.FILE_NAME);
        if (Files.isRegularFile(manifestFile)) {
            try {
                CorpusManifest manifest = CorpusManifest.read(manifestFile);
                origin = String.format(Locale.ROOT, "%s corpus '%s' (seed %d, %.1f minutes%s)", manifest.generator(),
                        name, manifest.seed(), manifest.minutes(), realSources(manifest));
            } catch (IOException e) {
                throw new TrainingDataException(manifestFile + ": unreadable manifest (" + e.getMessage() + ")", e);
            }
        }
        return String.format(Locale.ROOT, "%s: train %d clips %.2f s, dev %d clips %.2f s", origin, train.size(),
                seconds(train, spec), dev.size(), seconds(dev, spec));
    }

    /**
     * ", with the real-recording source library (real-speech, real-music, real-noise; their packages and licences
     * in NOTICE.md)" when the corpus drew from it, else "".
     */
    private static String realSources(CorpusManifest manifest) {
        List<String> real = manifest.sourceGroups().stream().filter(g -> g.startsWith("real-")).toList();
        return real.isEmpty() ? "" : ", with the real-recording source library (" + String.join(", ", real)
                + "; their packages and licences in NOTICE.md)";
    }

    private static double seconds(List<LabelledClip> clips, FeatureSpec spec) {
        return clips.stream().mapToLong(LabelledClip::length).sum() * spec.hopMillis() / 1000;
    }
}
