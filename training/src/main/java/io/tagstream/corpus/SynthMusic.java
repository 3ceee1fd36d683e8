package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Music from sox {@code synth}: each distinct note, chord or drum sound is one sox call (cached per piece), and
 * Java places them on a tempo grid. A piece has a random key, progression and tempo (70..140 bpm).
 */
final class SynthMusic {

    private final Sox sox;

    SynthMusic(Sox sox) {
        this.sox = sox;
    }

    /** {@code seconds} of {@code style}, peak at most 0.5 (headroom for the layer effects). */
    RenderedSound render(SynthStyle style, double seconds, Random r) {
        int length = (int) Math.round(seconds * Sox.RATE);
        Piece piece = new Piece(Harmony.random(r), 70 + 70 * r.nextDouble(), new MixBuffer(length), new HashMap<>());
        switch (style) {
            case PLUCK_CHORDS -> pluckChords(piece, r);
            case SINE_ARPEGGIO -> arpeggio(piece, r.nextBoolean() ? "sine" : "triangle", r);
            case DRUM_MACHINE -> drumMachine(piece, r);
            case VIBRATO_LEAD -> vibratoLead(piece, r);
            case SAW_PAD -> sawPadWithLead(piece, r);
            case ECHO_ARPEGGIO -> arpeggio(piece, "trapezium", r);
        }
        float[] music = piece.out.samples();
        if (style == SynthStyle.ECHO_ARPEGGIO) {
            music = sox.filter(Loudness.peakLimited(music, 0.5),
                    List.of("echo", "0.8", "0.7", Integer.toString(piece.beatMillis() * 3 / 4), "0.4"));
        }
        return new RenderedSound(Loudness.peakLimited(music, 0.5), List.of(style.sourceId()));
    }

    /** A piece being written: its harmony, tempo, output and sound cache. */
    private record Piece(Harmony harmony, double bpm, MixBuffer out, Map<String, float[]> cache) {

        int stepSamples() {
            return Rhythm.stepSamples(bpm);
        }

        int barSamples() {
            return Rhythm.STEPS * stepSamples();
        }

        int beatMillis() {
            return (int) Math.round(60_000 / bpm);
        }

        int[] chordOfBar(int bar) {
            return harmony.chords().get(bar % harmony.chords().size());
        }
    }

    private void pluckChords(Piece piece, Random r) {
        double strum = 0.01 + 0.03 * r.nextDouble();
        boolean[] pattern = Rhythm.pattern(Rhythm.Role.MOTIF, r);
        boolean bass = r.nextBoolean();
        double ring = 4.0 * piece.beatMillis() / 1000;
        for (int bar = 0; (long) bar * piece.barSamples() < piece.out.length(); bar++) {
            int[] chord = piece.chordOfBar(bar);
            List<String> synth = new ArrayList<>(List.of("synth", seconds(ring)));
            for (int note : chord) {
                synth.addAll(List.of("pluck", hz(note)));
            }
            synth.addAll(List.of("pluck", hz(chord[0] + 12), "delay", "0", seconds(strum), seconds(2 * strum),
                    seconds(3 * strum), "remix", "-"));
            float[] sound = cached(piece, synth);
            long barStart = (long) bar * piece.barSamples();
            for (int s = 0; s < Rhythm.STEPS; s++) {
                if (pattern[s]) {
                    piece.out.add(sound, barStart + (long) s * piece.stepSamples(), 0.5 + 0.3 * r.nextDouble());
                }
            }
            if (bass) {
                piece.out.add(tone(piece, "sine", chord[0] - 12, ring), barStart, 0.8);
            }
        }
    }

    private void arpeggio(Piece piece, String wave, Random r) {
        boolean sixteenths = r.nextBoolean();
        int stride = sixteenths ? 1 : 2;
        double noteSeconds = stride * piece.stepSamples() / (double) Sox.RATE * (1.0 + r.nextDouble());
        int[] shape = r.nextBoolean() ? new int[] {0, 1, 2, 3, 4, 3, 2, 1} : new int[] {0, 2, 1, 3, 2, 4, 3, 5};
        for (int bar = 0; (long) bar * piece.barSamples() < piece.out.length(); bar++) {
            int[] chord = piece.chordOfBar(bar);
            long barStart = (long) bar * piece.barSamples();
            for (int s = 0, i = 0; s < Rhythm.STEPS; s += stride, i++) {
                int step = shape[i % shape.length];
                int note = chord[step % 3] + 12 * (step / 3);
                piece.out.add(tone(piece, wave, note, noteSeconds), barStart + (long) s * piece.stepSamples(),
                        0.35 + 0.1 * r.nextDouble());
            }
        }
    }

    private void drumMachine(Piece piece, Random r) {
        float[] kick = cached(piece, List.of("synth", "0.35", "sine", "150:40", "fade", "q", "0.002", "0.35", "0.3"));
        float[] snare = cached(piece, List.of("synth", "0.2", "whitenoise", "sine", "185", "remix", "-",
                "fade", "q", "0.001", "0.2", "0.18"));
        float[] hat = cached(piece, List.of("synth", "0.06", "whitenoise", "highpass", "2500",
                "fade", "q", "0.001", "0.06", "0.05"));
        int step = piece.stepSamples();
        Rhythm.play(piece.out, kick, Rhythm.pattern(Rhythm.Role.DOWNBEAT, r), step, 0.9, r);
        Rhythm.play(piece.out, snare, Rhythm.pattern(Rhythm.Role.BACKBEAT, r), step, 0.5, r);
        Rhythm.play(piece.out, hat, Rhythm.pattern(Rhythm.Role.DRIVE, r), step, 0.25, r);
        boolean[] bassPattern = Rhythm.pattern(Rhythm.Role.MOTIF, r);
        double noteSeconds = 2.0 * step / Sox.RATE;
        for (int bar = 0; (long) bar * piece.barSamples() < piece.out.length(); bar++) {
            int root = piece.chordOfBar(bar)[0] - 12;
            for (int s = 0; s < Rhythm.STEPS; s++) {
                if (bassPattern[s]) {
                    int note = root + (s % 8 == 6 ? 7 : 0);
                    piece.out.add(tone(piece, "square", note, noteSeconds),
                            (long) bar * piece.barSamples() + (long) s * step, 0.2);
                }
            }
        }
    }

    private void sawPadWithLead(Piece piece, Random r) {
        double barSeconds = piece.barSamples() / (double) Sox.RATE;
        String tremoloHz = String.format(Locale.ROOT, "%.1f", 3 + 4 * r.nextDouble());
        int degree = 7 + r.nextInt(3);
        for (int bar = 0; (long) bar * piece.barSamples() < piece.out.length(); bar++) {
            int[] chord = piece.chordOfBar(bar);
            List<String> pad = new ArrayList<>(List.of("synth", seconds(barSeconds + 0.2)));
            for (int note : chord) {
                pad.addAll(List.of("sawtooth", hz(note)));
            }
            pad.addAll(List.of("remix", "-", "lowpass", "1800", "tremolo", tremoloHz, "40",
                    "fade", "h", "0.15", seconds(barSeconds + 0.2), "0.2"));
            long barStart = (long) bar * piece.barSamples();
            piece.out.add(cached(piece, pad), barStart, 0.45);
            for (int s = 0; s < Rhythm.STEPS; s += 2) {
                if (r.nextDouble() < 0.7) {
                    degree = Math.max(5, Math.min(13, degree + r.nextInt(5) - 2));
                    double length = 2.0 * piece.stepSamples() / Sox.RATE * 0.9;
                    piece.out.add(tone(piece, "square", piece.harmony().scaleNote(degree), length),
                            barStart + (long) s * piece.stepSamples(), 0.2);
                }
            }
        }
    }

    /**
     * A lead melody the way voices and bowed or blown instruments play one: legato notes of the key's scale that
     * glide into each other (30..80 ms), a vibrato of 4.5..7 Hz and 15..60 cents that sets in 150 ms into a note,
     * breaths between phrases; additive synthesis with harmonics falling as 1/h^0.8..2 (none above 3.8 kHz). Under
     * it, plucked chords or sustained sine-organ chords.
     */
    private void vibratoLead(Piece piece, Random r) {
        if (r.nextBoolean()) {
            pluckChords(piece, r);
        } else {
            double barSeconds = piece.barSamples() / (double) Sox.RATE;
            for (int bar = 0; (long) bar * piece.barSamples() < piece.out.length(); bar++) {
                List<String> organ = new ArrayList<>(List.of("synth", seconds(barSeconds + 0.1)));
                for (int note : piece.chordOfBar(bar)) {
                    organ.addAll(List.of("sine", hz(note), "sine", hz(note + 12)));
                }
                organ.addAll(List.of("remix", "-", "fade", "h", "0.08", seconds(barSeconds + 0.1), "0.1"));
                piece.out.add(cached(piece, organ), (long) bar * piece.barSamples(), 0.3);
            }
        }
        int length = piece.out.length();
        double[] target = new double[length]; // MIDI pitch per sample, NaN while resting
        double[] onset = new double[length]; // seconds since the note began
        Arrays.fill(target, Double.NaN);
        int degree = 7 + r.nextInt(3);
        int step = piece.stepSamples();
        int at = 0;
        while (at < length) {
            boolean rest = r.nextDouble() < 0.12;
            int steps = rest ? 1 + r.nextInt(2) : 1 + r.nextInt(4);
            int end = Math.min(length, at + steps * step);
            if (!rest) {
                degree = Math.max(5, Math.min(14, degree + r.nextInt(5) - 2));
                int midi = piece.harmony().scaleNote(degree);
                for (int i = at; i < end; i++) {
                    target[i] = midi;
                    onset[i] = (i - at) / (double) Sox.RATE;
                }
            }
            at = end;
        }
        LeadVoice voice = new LeadVoice(4.5 + 2.5 * r.nextDouble(), 15 + 45 * r.nextDouble(),
                0.03 + 0.05 * r.nextDouble(), 0.8 + 1.2 * r.nextDouble());
        piece.out.add(Loudness.peakLimited(voice.render(target, onset), 0.35), 0, 1.0);
    }

    /** One note of {@code wave} with a short attack and a decay to the end. */
    private float[] tone(Piece piece, String wave, int midi, double seconds) {
        return cached(piece, List.of("synth", seconds(seconds), wave, hz(midi),
                "fade", "q", "0.005", seconds(seconds), seconds(seconds * 0.7)));
    }

    private float[] cached(Piece piece, List<String> synth) {
        return piece.cache.computeIfAbsent(String.join(" ", synth), k -> sox.synth(synth));
    }

    private static String hz(int midi) {
        return String.format(Locale.ROOT, "%.2f", Harmony.hz(midi));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.4f", s);
    }
}
