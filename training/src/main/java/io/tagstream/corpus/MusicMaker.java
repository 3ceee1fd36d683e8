package io.tagstream.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Music layers from the split's sources, preferring real recordings: a music-on-hold excerpt (weight 0.4), a
 * sonic-pi arrangement (0.35) or a sox synth piece (0.25), among those the split has. With the source library,
 * {@value #REAL_SHARE} of layers are an excerpt of one of its tracks (a source drawn uniformly, then a track of it);
 * when it has drum kits and a groove share is asked for, that share of layers are first a groove on one of them
 * ({@link DrumKitGroove}; {@code synth --groove-share}, off by default).
 */
final class MusicMaker {

    private final Sox sox;
    private final SplitSources sources;
    private final SonicPiArranger sonicPi;
    private final SynthMusic synth;
    static final double REAL_SHARE = 0.6;

    private final Map<Path, Double> trackSeconds = new HashMap<>();
    private final TreeMap<String, List<RealRecording>> kits;
    private final double grooveShare;

    /** @param grooveShare share of layers played as a groove on a drum kit, when the split has kits */
    MusicMaker(Sox sox, SplitSources sources, SonicPiArranger sonicPi, SynthMusic synth, double grooveShare) {
        this.sox = sox;
        this.sources = sources;
        this.sonicPi = sonicPi;
        this.synth = synth;
        this.kits = grooveShare > 0 ? sources.drumKits() : new TreeMap<>();
        this.grooveShare = grooveShare;
    }

    /** Share of music layers made of music on hold (telephone-band recordings). */
    double telephoneShare() {
        double[] w = weights();
        double builtIn = w[0] + w[1] + w[2] == 0 ? 0 : w[0] / (w[0] + w[1] + w[2]);
        double notGroove = kits.isEmpty() ? 1 : 1 - grooveShare;
        return notGroove * sources.real().telephoneShare(SoundClass.MUSIC, realShare(), builtIn);
    }

    private double realShare() {
        double[] w = weights();
        return sources.real().layerShare(SoundClass.MUSIC, REAL_SHARE, w[0] + w[1] + w[2] > 0);
    }

    /** {@code seconds} of music, peak at most 0.5, with the load effects of {@code aug} (not its layer effects). */
    RenderedSound make(double seconds, Augmentation aug, Random r) {
        if (!kits.isEmpty() && r.nextDouble() < grooveShare) {
            List<String> ids = new ArrayList<>(kits.keySet());
            String kit = ids.get(r.nextInt(ids.size()));
            return DrumKitGroove.make(kit, kits.get(kit), seconds, hit -> sox.load(hit.file(), aug.loadEffects()), r);
        }
        if (RealSources.drawn(realShare(), r)) {
            List<RealRecording> source = sources.real().randomSource(SoundClass.MUSIC, r);
            RealRecording track = source.get(r.nextInt(source.size()));
            return excerpt(track.file(), track.manifestId(), seconds, aug, r);
        }
        double[] w = weights();
        double pick = r.nextDouble() * (w[0] + w[1] + w[2]);
        if (pick < w[0]) {
            Path track = sources.mohTracks().get(r.nextInt(sources.mohTracks().size()));
            return excerpt(track, SourceIds.moh(track), seconds, aug, r);
        } else if (pick < w[0] + w[1]) {
            return sonicPi.music(seconds, aug, r);
        }
        return synth.render(sources.synthStyles().get(r.nextInt(sources.synthStyles().size())), seconds, r);
    }

    /** Weights of music on hold, sonic-pi and sox synth, 0 for what the split lacks. */
    private double[] weights() {
        return new double[] {
            sources.mohTracks().isEmpty() ? 0 : 0.4,
            sonicPi.hasMusic() ? 0.35 : 0,
            sources.synthStyles().isEmpty() ? 0 : 0.25};
    }

    /** A random stretch of a track, faded in and out over 0.02..1 s. */
    private RenderedSound excerpt(Path track, String sourceId, double seconds, Augmentation aug, Random r) {
        double sourceSeconds = seconds * aug.speed();
        double start = r.nextDouble() * Math.max(0, durationOf(track) - sourceSeconds);
        List<String> effects = new ArrayList<>(List.of("trim", String.format(Locale.ROOT, "%.4f", start),
                String.format(Locale.ROOT, "%.4f", sourceSeconds)));
        effects.addAll(aug.loadEffects());
        float[] x = sox.load(track, effects);
        int fadeIn = (int) ((0.02 + 0.98 * r.nextDouble()) * Sox.RATE);
        int fadeOut = (int) ((0.02 + 0.98 * r.nextDouble()) * Sox.RATE);
        return new RenderedSound(Loudness.peakLimited(Envelope.faded(x, fadeIn, fadeOut), 0.5),
                List.of(sourceId));
    }

    private double durationOf(Path track) {
        return trackSeconds.computeIfAbsent(track, sox::durationSeconds);
    }
}
