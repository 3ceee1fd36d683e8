package io.tagstream.corpus;

/**
 * A singing-like lead voice by additive synthesis at {@link Sox#RATE} Hz: its pitch glides towards each note
 * (a one-pole smoother), a vibrato sets in after a note has sounded 150 ms (fully there after 350 ms), the level
 * rises and falls over 20 ms at the edges of notes and rests, and harmonic h has amplitude h^-rolloff (the first
 * eight, none at or above 3.8 kHz).
 *
 * @param vibratoHz    vibrato rate
 * @param depthCents   vibrato depth (peak deviation)
 * @param glideSeconds time constant of the glide between notes
 * @param rolloff      harmonic amplitude exponent (larger: closer to a sine)
 */
record LeadVoice(double vibratoHz, double depthCents, double glideSeconds, double rolloff) {

    static final double VIBRATO_DELAY_SECONDS = 0.15;
    static final double VIBRATO_RISE_SECONDS = 0.2;
    private static final int HARMONICS = 8;
    private static final double TOP_HZ = 3_800;

    /**
     * @param targetMidi per sample, the note being sung (MIDI, fractional allowed), or NaN while resting
     * @param onsetSeconds per sample, how long its note has sounded
     * @return the voice, {@code targetMidi.length} samples, amplitude up to the sum of the harmonic amplitudes
     */
    float[] render(double[] targetMidi, double[] onsetSeconds) {
        double[] partial = new double[HARMONICS];
        for (int h = 0; h < HARMONICS; h++) {
            partial[h] = Math.pow(h + 1, -rolloff);
        }
        double glideSamples = glideSeconds * Sox.RATE;
        float[] voice = new float[targetMidi.length];
        double pitch = Double.NaN;
        double phase = 0;
        double gain = 0;
        for (int i = 0; i < voice.length; i++) {
            boolean sounding = !Double.isNaN(targetMidi[i]);
            if (sounding) {
                pitch = Double.isNaN(pitch) ? targetMidi[i] : pitch + (targetMidi[i] - pitch) / glideSamples;
            }
            gain += ((sounding ? 1 : 0) - gain) / (0.02 * Sox.RATE);
            if (Double.isNaN(pitch) || gain < 1e-4) {
                continue;
            }
            double f = frequencyHz(pitch, sounding ? onsetSeconds[i] : Double.POSITIVE_INFINITY, i);
            phase += 2 * Math.PI * f / Sox.RATE;
            double v = 0;
            for (int h = 0; h < HARMONICS && (h + 1) * f < TOP_HZ; h++) {
                v += partial[h] * Math.sin((h + 1) * phase);
            }
            voice[i] = (float) (gain * v);
        }
        return voice;
    }

    /** The fundamental at MIDI {@code pitch}, {@code onset} s into its note, at sample {@code i}: with vibrato. */
    double frequencyHz(double pitch, double onset, int i) {
        double depth = Math.min(1, Math.max(0, (onset - VIBRATO_DELAY_SECONDS) / VIBRATO_RISE_SECONDS));
        double cents = depth * depthCents * Math.sin(2 * Math.PI * vibratoHz * i / Sox.RATE);
        return Harmony.hz(0) * Math.pow(2, (pitch + cents / 100) / 12);
    }
}
