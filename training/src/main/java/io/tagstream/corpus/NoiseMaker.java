package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Noise layers: a sox-shaped {@link NoiseRecipe} (60 %) or scattered sonic-pi noise-family hits (40 %), whichever
 * the split has; with the source library, {@value #REAL_SHARE} of layers are one of its sources instead: a
 * recording of at least {@value #BED_SECONDS} s as a bed (a random stretch, looped with crossfades if short), or
 * 2..5 of its short recordings scattered at irregular times. And the low-level floors under every clip.
 */
final class NoiseMaker {

    private final Sox sox;
    private final SplitSources sources;
    private final SonicPiArranger sonicPi;

    static final double REAL_SHARE = 0.5;
    static final double BED_SECONDS = 2.0;
    private static final int CROSSFADE = Sox.RATE / 20;

    NoiseMaker(Sox sox, SplitSources sources, SonicPiArranger sonicPi) {
        this.sox = sox;
        this.sources = sources;
        this.sonicPi = sonicPi;
    }

    /** {@code seconds} of noise, peak at most 0.5, with the load effects of {@code aug} (not its layer effects). */
    RenderedSound make(double seconds, Augmentation aug, Random r) {
        if (RealSources.drawn(realShare(), r)) {
            return real(sources.real().randomSource(SoundClass.NOISE, r), seconds, aug, r);
        }
        boolean recipes = !sources.noises().isEmpty();
        boolean scatter = sonicPi.hasNoise() && (!recipes || r.nextDouble() < 0.4);
        if (scatter) {
            return sonicPi.noise(seconds, aug, r);
        }
        NoiseRecipe recipe = sources.noises().get(r.nextInt(sources.noises().size()));
        return new RenderedSound(render(recipe, samples(seconds), r), List.of(recipe.sourceId()));
    }

    private double realShare() {
        return sources.real().layerShare(SoundClass.NOISE, REAL_SHARE,
                !sources.noises().isEmpty() || sonicPi.hasNoise());
    }

    /** A bed or scattered hits from one library source. */
    private RenderedSound real(List<RealRecording> source, double seconds, Augmentation aug, Random r) {
        int n = samples(seconds);
        RealRecording first = source.get(r.nextInt(source.size()));
        if (first.seconds() >= BED_SECONDS) {
            float[] x = sox.load(first.file(), aug.loadEffects());
            return new RenderedSound(Loudness.peakLimited(looped(x, n, r), 0.5), List.of(first.manifestId()));
        }
        List<RealRecording> shorts = source.stream().filter(s -> s.seconds() < BED_SECONDS).toList();
        List<float[]> hits = new ArrayList<>();
        int kinds = 2 + r.nextInt(4);
        for (int k = 0; k < kinds; k++) {
            RealRecording hit = k == 0 ? first : shorts.get(r.nextInt(shorts.size()));
            hits.add(Loudness.peakLimited(sox.load(hit.file(), aug.loadEffects()), 1.0));
        }
        MixBuffer out = new MixBuffer(n);
        ScatteredHits.place(out, hits.size(), hits::get, r);
        return new RenderedSound(Loudness.peakLimited(out.samples(), 0.5), List.of(first.manifestId()));
    }

    /** {@code n} samples of {@code x} from a random start, wrapping around with crossfades of 50 ms. */
    static float[] looped(float[] x, int n, Random r) {
        float[] out = new float[n];
        if (x.length <= 2 * CROSSFADE) {
            return out;
        }
        int pos = r.nextInt(x.length - CROSSFADE);
        for (int i = 0; i < n; i++) {
            int left = x.length - pos;
            if (left <= CROSSFADE) {
                double t = (CROSSFADE - left) / (double) CROSSFADE;
                int head = CROSSFADE - left;
                out[i] = (float) ((1 - t) * x[pos] + t * x[head]);
                if (left == 1) {
                    pos = CROSSFADE;
                    continue;
                }
            } else {
                out[i] = x[pos];
            }
            pos++;
        }
        return out;
    }

    /**
     * A floor for a whole clip, band-limited, not yet at its level: digital silence 15 % of the time, otherwise a
     * steady recipe of the split.
     */
    RenderedSound floor(int samples, BandLimit band, Random r) {
        if (r.nextDouble() < 0.15) {
            return new RenderedSound(new float[samples], List.of(SplitSources.DIGITAL_SILENCE));
        }
        NoiseRecipe recipe = sources.floors().get(r.nextInt(sources.floors().size()));
        float[] x = sox.filter(render(recipe, samples, r), band.soxEffects());
        return new RenderedSound(x, List.of(recipe.floorId()));
    }

    /** The recipe's signal, {@code n} samples, peak at most 0.5. */
    float[] render(NoiseRecipe recipe, int n, Random r) {
        float[] x = switch (recipe) {
            case WHITE -> NoiseSignals.white(n, r);
            case PINK -> NoiseSignals.pink(n, r);
            case BROWN -> NoiseSignals.brown(n, r);
            case HUM -> NoiseSignals.plus(NoiseSignals.hum(n, r.nextBoolean() ? 50 : 60, r), NoiseSignals.pink(n, r),
                    0.1);
            case BAND -> bandPassed(NoiseSignals.white(n, r), r);
            case MODULATED -> modulated(n, r);
            case CRACKLE -> NoiseSignals.plus(NoiseSignals.crackle(n, 2 * Math.pow(250, r.nextDouble()), r),
                    NoiseSignals.brown(n, r), 0.05);
            case MIXTURE -> mixture(n, r);
            case TEXTURE -> texture(n, r);
            case RUMBLE_MIX -> NoiseSignals.plus(NoiseSignals.plus(NoiseSignals.brown(n, r),
                    NoiseSignals.hum(n, 40 + 30 * r.nextDouble(), r), 0.7), NoiseSignals.crackle(n, 3, r), 0.5);
            case RAIN -> NoiseSignals.plus(bandPassed(NoiseSignals.pink(n, r), r),
                    NoiseSignals.crackle(n, 200 + 800 * r.nextDouble(), r), 0.3);
            case WIND -> wind(n, r);
        };
        return Loudness.peakLimited(x, 0.5);
    }

    /** White, pink or brown noise under a slow or fast tremolo (engines, fans, gusts), low-passed half the time. */
    private float[] modulated(int n, Random r) {
        float[] x = switch (r.nextInt(3)) {
            case 0 -> NoiseSignals.white(n, r);
            case 1 -> NoiseSignals.pink(n, r);
            default -> NoiseSignals.brown(n, r);
        };
        x = sox.filter(x, List.of("tremolo", String.format(Locale.ROOT, "%.2f", 0.2 + 12 * r.nextDouble()
                * r.nextDouble()), Integer.toString(40 + r.nextInt(51))));
        return r.nextBoolean() ? x : sox.filter(x, List.of("lowpass", Integer.toString(300 + r.nextInt(2_701))));
    }

    /** Two different single train recipes, the second at 0.2..1 of the first, low-passed a third of the time. */
    private float[] mixture(int n, Random r) {
        List<NoiseRecipe> parts = List.of(NoiseRecipe.WHITE, NoiseRecipe.PINK, NoiseRecipe.BROWN, NoiseRecipe.HUM,
                NoiseRecipe.BAND, NoiseRecipe.MODULATED, NoiseRecipe.CRACKLE);
        int first = r.nextInt(parts.size());
        int second = (first + 1 + r.nextInt(parts.size() - 1)) % parts.size();
        float[] x = NoiseSignals.plus(render(parts.get(first), n, r), render(parts.get(second), n, r),
                0.2 + 0.8 * r.nextDouble());
        return r.nextInt(3) > 0 ? x : sox.filter(x, List.of("lowpass", Integer.toString(300 + r.nextInt(2_701))));
    }

    /**
     * A random noise texture: white, pink and brown noise at random weights; 0..3 sox {@code equalizer} resonances
     * (100..3500 Hz, Q 0.7..6, +4..+18 dB); one of four envelopes: steady, wandering (a new random gain target every
     * 50..600 ms, approached over 30..500 ms), pulsing (a raised-cosine gate at 0.5..12 Hz, 20..90 % depth) or
     * bursting (on and off for 0.1..2 s each); and clicks (1..2,000 per second) a third of the time.
     */
    private float[] texture(int n, Random r) {
        float[] x = new float[n];
        x = NoiseSignals.plus(x, NoiseSignals.white(n, r), 0.05 + r.nextDouble());
        x = NoiseSignals.plus(x, NoiseSignals.pink(n, r), r.nextDouble());
        x = NoiseSignals.plus(x, NoiseSignals.brown(n, r), r.nextDouble());
        int resonances = r.nextInt(4);
        if (resonances > 0) {
            List<String> effects = new ArrayList<>();
            for (int i = 0; i < resonances; i++) {
                effects.addAll(List.of("equalizer", Integer.toString(100 + r.nextInt(3_401)),
                        String.format(Locale.ROOT, "%.2fq", 0.7 + 5.3 * r.nextDouble()),
                        String.format(Locale.ROOT, "%.1f", 4 + 14 * r.nextDouble())));
            }
            x = sox.filter(Loudness.peakLimited(x, 0.1), effects);
        }
        double[] gain = switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> NoiseEnvelopes.wandering(n, 0.05 + 0.55 * r.nextDouble(), 0.03 + 0.47 * r.nextDouble(), r);
            case 2 -> NoiseEnvelopes.pulsing(n, 0.5 + 11.5 * r.nextDouble(), 0.2 + 0.7 * r.nextDouble(),
                    r.nextDouble());
            default -> NoiseEnvelopes.bursting(n, 0.1, 2.0, r);
        };
        if (gain != null) {
            NoiseEnvelopes.apply(x, gain);
        }
        if (r.nextDouble() < 1.0 / 3) {
            x = NoiseSignals.plus(x, NoiseSignals.crackle(n, Math.pow(2_000, r.nextDouble()), r),
                    0.1 + 0.9 * r.nextDouble());
        }
        return x;
    }

    private float[] bandPassed(float[] x, Random r) {
        int low = 100 + r.nextInt(1_500);
        int high = Math.min(3_900, low + 200 + r.nextInt(2_000));
        return sox.filter(x, List.of("sinc", low + "-" + high));
    }

    /** Brown noise whose gain wanders (a random walk smoothed over ~0.3 s), low-passed at 400..1500 Hz. */
    private float[] wind(int n, Random r) {
        float[] x = NoiseSignals.brown(n, r);
        NoiseEnvelopes.apply(x, NoiseEnvelopes.wandering(n, 0.1, 0.3, r));
        return sox.filter(x, List.of("lowpass", Integer.toString(400 + r.nextInt(1_101))));
    }

    private static int samples(double seconds) {
        return (int) Math.round(seconds * Sox.RATE);
    }
}
