package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes one clip of a split from one seed: a band limit, a noise floor, and a shuffled sequence of scenes (see
 * {@link ScenePlan#plan}), each rendered as one or two layers at random levels:
 * <ul>
 *   <li>alone: speech -36..-10 dBFS, music -38..-12, noise -42..-12 (active RMS, so level is no class cue);</li>
 *   <li>speech over music or noise: background -40..-16 dBFS, speech 0..20 dB above it (at most -8 dBFS),
 *       starting up to 1 s after the background;</li>
 *   <li>noise over music: noise -24..-8 dB relative to the music, so the music is what one hears (the label
 *       stays music);</li>
 *   <li>the floor: -80..-55 dBFS under the whole clip, or digital silence;</li>
 * </ul>
 * Each layer is faded, then goes through its {@link Augmentation#layerEffects()} (EQ, reverb, the clip's band),
 * then is set to its level. The mix goes once more through the clip's band (removing what fades and cuts spread
 * above it), is scaled down as a whole if its peak would exceed 0.98, and is labelled by {@link FrameLabeler} from
 * its layers at their final gain.
 */
final class ClipComposer {

    /** Peak of the mix going into the final band limit (sox clips float input at 1). */
    private static final double MIX_PEAK = 0.9;
    /** Peak of the finished clip. */
    private static final double MAX_PEAK = 0.98;
    /** Share of layers of every class that are telephone-band: recorded, or narrowed to look recorded. */
    static final double NARROWBAND_SHARE = 0.55;
    /** Silence appended before reverb, so the tail is not cut. */
    private static final double REVERB_TAIL_SECONDS = 0.6;

    private final Sox sox;
    private final SpeechMaker speech;
    private final MusicMaker music;
    private final NoiseMaker noise;
    private final double fullBandShare;
    /** Narrow share of every class in a full-band clip: that of the class with most telephone recordings. */
    private final double wideNarrowShare;
    private final double speechMaskingDb;
    private final double mixtureBoost;

    /** Clips as {@code config} says: its full-band share, scene mix and label rule. */
    ClipComposer(Sox sox, SpeechMaker speech, MusicMaker music, NoiseMaker noise, CorpusConfig config) {
        this.fullBandShare = config.fullBandShare();
        this.speechMaskingDb = config.speechMaskingDb();
        this.mixtureBoost = config.mixtureBoost();
        this.wideNarrowShare = Math.max(speech.telephoneShare(), music.telephoneShare());
        this.sox = sox;
        this.speech = speech;
        this.music = music;
        this.noise = noise;
    }

    /** The clip of {@code seed}, between {@code minSeconds} and {@code maxSeconds} long, a whole number of frames. */
    Clip compose(long seed, double minSeconds, double maxSeconds) {
        Random r = new Random(seed);
        int frames = (int) Math.round((minSeconds + (maxSeconds - minSeconds) * r.nextDouble()) * 100);
        int samples = frames * FrameEnergy.FRAME;
        BandLimit band = BandLimit.random(r, fullBandShare);
        List<Layer> layers = new ArrayList<>();
        RenderedSound floor = noise.floor(samples, band, r);
        layers.add(new Layer(SoundClass.SILENCE, 0,
                Loudness.scaledTo(floor.samples(), -80 + 25 * r.nextDouble()), floor.sources()));
        for (ScenePlan scene : ScenePlan.plan(samples, r, mixtureBoost)) {
            layers.addAll(render(scene, band, r));
        }
        float[] mix = mix(samples, layers);
        double headroom = Math.min(1, MIX_PEAK / Loudness.peak(mix));
        mix = sox.filterAtUnityGain(Loudness.scaled(mix, headroom), band.soxEffects());
        double gain = headroom * Math.min(1, MAX_PEAK / Loudness.peak(mix));
        if (gain < 1) {
            mix = Loudness.scaled(mix, gain / headroom);
            layers.replaceAll(layer -> layer.scaled(gain));
        }
        return new Clip(seed, mix, FrameLabeler.presence(frames, layers, speechMaskingDb), band, layers);
    }

    private List<Layer> render(ScenePlan scene, BandLimit band, Random r) {
        double seconds = scene.sceneSamples() / (double) Sox.RATE;
        long start = scene.sceneStart();
        return switch (scene.kind()) {
            case SILENCE -> List.of();
            case SPEECH -> List.of(speechLayer(seconds, start, -36 + 26 * r.nextDouble(), band, r));
            case MUSIC -> List.of(musicLayer(seconds, start, -38 + 26 * r.nextDouble(), band, r));
            case NOISE -> List.of(noiseLayer(seconds, start, -42 + 30 * r.nextDouble(), band, r));
            case SPEECH_OVER_MUSIC, SPEECH_OVER_NOISE -> {
                double background = -40 + 24 * r.nextDouble();
                Layer under = scene.kind() == SceneKind.SPEECH_OVER_MUSIC
                        ? musicLayer(seconds, start, background, band, r)
                        : noiseLayer(seconds, start, background, band, r);
                double delay = Math.min(1.0, seconds / 4) * r.nextDouble();
                double level = Math.min(-8, background + 20 * r.nextDouble());
                yield List.of(under, speechLayer(seconds - delay, start + (long) (delay * Sox.RATE), level, band, r));
            }
            case NOISE_OVER_MUSIC -> {
                double level = -38 + 24 * r.nextDouble();
                double delay = Math.min(1.0, seconds / 4) * r.nextDouble();
                yield List.of(musicLayer(seconds, start, level, band, r),
                        noiseLayer(seconds - delay, start + (long) (delay * Sox.RATE), level - 24 + 16 * r.nextDouble(),
                                band, r));
            }
        };
    }

    private Layer speechLayer(double seconds, long start, double dbfs, BandLimit band, Random r) {
        Augmentation aug = Augmentation.forSpeech(r, band);
        RenderedSound sound = speech.make(seconds, aug, r);
        aug = narrowedLikeTelephone(aug, sound, speech.telephoneShare(), band, r);
        return finished(SoundClass.SPEECH, sound, aug, start, dbfs, 0, 0);
    }

    private Layer musicLayer(double seconds, long start, double dbfs, BandLimit band, Random r) {
        Augmentation aug = Augmentation.forMusic(r, band);
        RenderedSound sound = music.make(seconds, aug, r);
        aug = narrowedLikeTelephone(aug, sound, music.telephoneShare(), band, r);
        return finished(SoundClass.MUSIC, sound, aug, start, dbfs, fade(r), fade(r));
    }

    private Layer noiseLayer(double seconds, long start, double dbfs, BandLimit band, Random r) {
        Augmentation aug = Augmentation.forNoise(r, band);
        RenderedSound sound = noise.make(seconds, aug, r);
        aug = narrowedLikeTelephone(aug, sound, 0, band, r);
        return finished(SoundClass.NOISE, sound, aug, start, dbfs, fade(r), fade(r));
    }

    /**
     * Telephone-band recordings (prompts, music on hold) have nothing above about 3.8 kHz. So that the top of the
     * band tells nothing about the class, wideband layers are narrowed (low-pass 3500..3800 Hz) with the
     * probability that brings every class to the same share of narrow layers, given the share
     * {@code telephoneShare} of telephone recordings among its layers: {@link #NARROWBAND_SHARE} in a telephone-band
     * clip, and in a full-band clip the share of the class with the most telephone recordings (so that as many
     * layers as possible stay full band).
     */
    private Augmentation narrowedLikeTelephone(Augmentation aug, RenderedSound sound, double telephoneShare,
            BandLimit band, Random r) {
        double target = band.wide() ? wideNarrowShare : NARROWBAND_SHARE;
        boolean narrow = r.nextDouble() < narrowingProbability(telephoneShare, target);
        return narrow && !SourceIds.isTelephoneBand(sound.sources()) ? aug.narrowedTo(3_500 + r.nextInt(301)) : aug;
    }

    /** 5..300 ms, in samples. */
    private static int fade(Random r) {
        return (int) ((0.005 + 0.295 * r.nextDouble()) * Sox.RATE);
    }

    /** p with {@code telephoneShare + (1 - telephoneShare) * p == target}, or 0 if the share is reached. */
    static double narrowingProbability(double telephoneShare, double target) {
        return telephoneShare >= target ? 0 : (target - telephoneShare) / (1 - telephoneShare);
    }

    /** Fades, then the layer effects (EQ, reverb with room for its tail, narrowing, band limit), then the level. */
    private Layer finished(SoundClass c, RenderedSound sound, Augmentation aug, long start, double dbfs,
            int fadeIn, int fadeOut) {
        float[] x = Envelope.faded(sound.samples(), fadeIn, fadeOut);
        if (aug.reverberance() > 0) {
            x = java.util.Arrays.copyOf(x, x.length + (int) (REVERB_TAIL_SECONDS * Sox.RATE));
        }
        x = sox.filter(x, aug.layerEffects());
        return new Layer(c, start, Loudness.scaledTo(x, dbfs), sound.sources());
    }

    private static float[] mix(int samples, List<Layer> layers) {
        MixBuffer out = new MixBuffer(samples);
        for (Layer layer : layers) {
            out.add(layer.samples(), layer.start(), 1.0);
        }
        return out.samples();
    }
}
