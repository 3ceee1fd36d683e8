package io.tagstream.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Speech layers: one speaker per layer, utterance after utterance with pauses of 0.1..0.8 s. With the source
 * library, {@value #REAL_SHARE} of layers are one of its real sources (a voice or a language of a package, drawn
 * uniformly among sources); otherwise the recorded prompt voice (55 % when both are available) or one espeak-ng voice
 * with a fixed rate, pitch and word gap. Each utterance is trimmed to its audible part ({@link Activity#trimmed}) and
 * faded in and out over 5 ms.
 */
final class SpeechMaker {

    private static final int MAX_UTTERANCES = 200;
    private static final double PROMPT_SHARE = 0.55;
    static final double REAL_SHARE = 0.6;
    private static final int FADE = Sox.RATE / 200;

    private final Sox sox;
    private final Espeak espeak;
    private final EspeakText text;
    private final SplitSources sources;
    private final WorkFiles work;

    SpeechMaker(Sox sox, Espeak espeak, EspeakText text, SplitSources sources, WorkFiles work) {
        this.sox = sox;
        this.espeak = espeak;
        this.text = text;
        this.sources = sources;
        this.work = work;
    }

    /**
     * At most {@code seconds} of speech (at least one utterance, cut if it alone is longer), with the load effects
     * of {@code aug} (speed, pitch); the layer effects are the caller's.
     */
    RenderedSound make(double seconds, Augmentation aug, Random r) {
        TreeSet<String> used = new TreeSet<>();
        Supplier<float[]> utterances;
        if (RealSources.drawn(realShare(), r)) {
            List<RealRecording> source = sources.real().randomSource(SoundClass.SPEECH, r);
            utterances = () -> real(source.get(r.nextInt(source.size())), aug, used);
        } else {
            boolean prompts = !sources.prompts().isEmpty()
                    && (sources.voices().isEmpty() || r.nextDouble() < PROMPT_SHARE);
            Speaker speaker = prompts ? null : Speaker.random(sources.voices(), r);
            utterances = prompts ? () -> prompt(aug, r, used) : () -> espeak(speaker, aug, r, used);
        }
        MixBuffer out = new MixBuffer((int) Math.round(seconds * Sox.RATE));
        long cursor = 0;
        long end = 0;
        for (int u = 0; u < MAX_UTTERANCES && cursor < out.length(); u++) {
            float[] utterance = utterances.get();
            if (utterance.length == 0) {
                continue;
            }
            if (cursor + utterance.length > out.length()) {
                if (cursor > 0) {
                    break;
                }
                utterance = java.util.Arrays.copyOf(utterance, out.length());
            }
            out.add(Envelope.faded(utterance, FADE, FADE), cursor, 1.0);
            end = cursor + utterance.length;
            cursor = end + (long) ((0.1 + 0.7 * r.nextDouble()) * Sox.RATE);
        }
        float[] speech = java.util.Arrays.copyOf(out.samples(), (int) end);
        return new RenderedSound(Loudness.peakLimited(speech, 0.5), List.copyOf(used));
    }

    /** Share of speech layers that are telephone-band recordings (prompts, and the library's 8 kHz voices). */
    double telephoneShare() {
        double builtIn = sources.prompts().isEmpty() ? 0 : sources.voices().isEmpty() ? 1 : PROMPT_SHARE;
        return sources.real().telephoneShare(SoundClass.SPEECH, realShare(), builtIn);
    }

    private double realShare() {
        return sources.real().layerShare(SoundClass.SPEECH, REAL_SHARE,
                !sources.prompts().isEmpty() || !sources.voices().isEmpty());
    }

    private float[] real(RealRecording recording, Augmentation aug, TreeSet<String> used) {
        used.add(recording.manifestId());
        return Activity.trimmed(sox.load(recording.file(), aug.loadEffects()));
    }

    /** One espeak-ng voice with its rate (110..220 wpm), pitch (20..80) and word gap (0..30 ms). */
    private record Speaker(EspeakVoice voice, int wordsPerMinute, int pitch, int wordGapTens) {

        static Speaker random(List<EspeakVoice> voices, Random r) {
            return new Speaker(voices.get(r.nextInt(voices.size())), 110 + r.nextInt(111), 20 + r.nextInt(61),
                    r.nextInt(4));
        }
    }

    private float[] prompt(Augmentation aug, Random r, TreeSet<String> used) {
        Path file = sources.prompts().get(r.nextInt(sources.prompts().size()));
        used.add(SourceIds.prompt(file));
        return Activity.trimmed(sox.load(file, aug.loadEffects()));
    }

    private float[] espeak(Speaker speaker, Augmentation aug, Random r, TreeSet<String> used) {
        used.add(speaker.voice().sourceId());
        String sentence = text.sentence(speaker.voice().language(), r);
        Path wav = espeak.speak(speaker.voice(), speaker.wordsPerMinute(), speaker.pitch(), speaker.wordGapTens(),
                sentence);
        try {
            return Activity.trimmed(sox.load(wav, aug.loadEffects()));
        } finally {
            work.delete(wav);
        }
    }
}
