package io.tagstream.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Grooves played on a Hydrogen drum kit of the source library: the kit's one-shot hits, which are noise when
 * scattered at irregular times ({@link ScatteredHits}), sequenced bar after bar on {@link Rhythm}'s patterns, which
 * makes them music. Kicks take the downbeats, snares and claps the backbeats, hats, rides and shakers the drive,
 * everything else (toms, bells, hand drums, unnamed hits) a motif; a hit's part comes from its file name.
 *
 * <p>Why both: a beat is what tells a drum loop from knocking, and the dev music the models labelled noise most often
 * is drum-led (docs/corpus.md); labelling the kits noise only taught the opposite.
 */
final class DrumKitGroove {

    /** The package whose sources are drum kits. */
    static final String PACKAGE = "hydrogen-drumkits";
    /** Prefix of a groove's manifest id: "groove:hydrogen-drumkits:kits/BJA_Pacific". */
    static final String ID_PREFIX = "groove:";
    /** Hits are cut to this length (a ride's ring of 9 s would wash over the pattern). */
    static final double MAX_HIT_SECONDS = 1.0;

    private static final Rhythm.Role[] ROLES = {
        Rhythm.Role.DOWNBEAT, Rhythm.Role.BACKBEAT, Rhythm.Role.DRIVE, Rhythm.Role.MOTIF};
    private static final Map<Rhythm.Role, Double> GAINS = Map.of(
            Rhythm.Role.DOWNBEAT, 0.9, Rhythm.Role.BACKBEAT, 0.6, Rhythm.Role.DRIVE, 0.3, Rhythm.Role.MOTIF, 0.5);
    private static final Pattern KICK = Pattern.compile("kick|kik|bass ?drum|(^|[^a-z])bd([^a-z]|$)");
    private static final Pattern SNARE = Pattern.compile("snare|clap|rim|(^|[^a-z])(sn|sd|rs)([^a-z]|$)");
    private static final Pattern DRIVE = Pattern.compile(
            "hat|ride|shak|maraca|tambourine|cabasa|(^|[^a-z])(hh|rd|ho|oh|ch)[0-9]*([^a-z]|$)");
    private static final int FADE = Sox.RATE / 33;   // 30 ms

    private DrumKitGroove() {
    }

    /**
     * The kits among a split's drum-kit sources: each source's recordings grouped by the folder they came from (one
     * folder per kit), by groove manifest id, sorted.
     */
    static TreeMap<String, List<RealRecording>> kits(List<List<RealRecording>> sources) {
        TreeMap<String, List<RealRecording>> kits = new TreeMap<>();
        for (List<RealRecording> source : sources) {
            for (RealRecording hit : source) {
                Path folder = hit.file().getParent();
                String kit = folder == null || folder.getFileName() == null ? "-" : folder.getFileName().toString();
                kits.computeIfAbsent(ID_PREFIX + hit.sourceId() + "/" + kit, k -> new ArrayList<>()).add(hit);
            }
        }
        return kits;
    }

    /** The part a hit plays, from its file name. */
    static Rhythm.Role roleOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (KICK.matcher(name).find()) {
            return Rhythm.Role.DOWNBEAT;
        }
        if (SNARE.matcher(name).find()) {
            return Rhythm.Role.BACKBEAT;
        }
        if (DRIVE.matcher(name).find()) {
            return Rhythm.Role.DRIVE;
        }
        return Rhythm.Role.MOTIF;
    }

    /**
     * {@code seconds} of a groove on {@code kit} (labelled {@code kitId}), peak at most 0.5, faded in and out over
     * 0.02..1 s: 2..4 voices (downbeat and backbeat always, then drive, then a motif), each one hit of its part (any
     * hit of the kit when the kit has none of that part), at 70..160 bpm.
     *
     * @param load a recording's samples at the corpus rate, with the layer's load effects
     */
    static RenderedSound make(String kitId, List<RealRecording> kit, double seconds,
            Function<RealRecording, float[]> load, Random r) {
        Map<Rhythm.Role, List<RealRecording>> byRole = new EnumMap<>(Rhythm.Role.class);
        for (RealRecording hit : kit) {
            byRole.computeIfAbsent(roleOf(hit.file().getFileName().toString()), k -> new ArrayList<>()).add(hit);
        }
        int voices = 2 + r.nextInt(3);
        Map<Rhythm.Role, float[]> hits = new EnumMap<>(Rhythm.Role.class);
        for (int v = 0; v < voices; v++) {
            List<RealRecording> choices = byRole.getOrDefault(ROLES[v], kit);
            hits.put(ROLES[v], cut(load.apply(choices.get(r.nextInt(choices.size())))));
        }
        float[] x = play(hits, (int) Math.round(seconds * Sox.RATE), 70 + 90 * r.nextDouble(), r);
        int fadeIn = (int) ((0.02 + 0.98 * r.nextDouble()) * Sox.RATE);
        int fadeOut = (int) ((0.02 + 0.98 * r.nextDouble()) * Sox.RATE);
        return new RenderedSound(Loudness.peakLimited(Envelope.faded(x, fadeIn, fadeOut), 0.5), List.of(kitId));
    }

    /**
     * {@code samples} samples of {@code hits} played on their parts' patterns at {@code bpm}, each voice at its
     * part's gain times 0..-6 dB: every hit starts on a sixteenth of the bar grid.
     */
    static float[] play(Map<Rhythm.Role, float[]> hits, int samples, double bpm, Random r) {
        MixBuffer out = new MixBuffer(samples);
        int step = Rhythm.stepSamples(bpm);
        hits.forEach((role, hit) -> Rhythm.play(out, hit, Rhythm.pattern(role, r), step,
                GAINS.get(role) * Loudness.amplitude(-6 * r.nextDouble()), r));
        return out.samples();
    }

    /** {@code hit} scaled to a peak of 1 and cut to {@link #MAX_HIT_SECONDS} with a 30 ms fade out. */
    private static float[] cut(float[] hit) {
        int n = Math.min(hit.length, (int) (MAX_HIT_SECONDS * Sox.RATE));
        double peak = Loudness.peak(hit);
        float[] x = Arrays.copyOf(peak > 0 ? Loudness.scaled(hit, 1 / peak) : hit, n);
        return n < hit.length ? Envelope.faded(x, 0, FADE) : x;
    }
}
