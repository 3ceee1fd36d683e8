package io.tagstream.corpus;

/** Music made with sox {@code synth} (notes and drum sounds), arranged in Java. Styles are split train/dev. */
enum SynthStyle {
    /** strummed plucked-string chords over a chord progression, sometimes with a sine bass */
    PLUCK_CHORDS("pluck-chords", Split.TRAIN),
    /** sine/triangle arpeggios over a chord progression */
    SINE_ARPEGGIO("sine-arpeggio", Split.TRAIN),
    /** a drum machine (swept-sine kick, noise snare, hats) with a square bass line */
    DRUM_MACHINE("drum-machine", Split.TRAIN),
    /** a legato lead with vibrato and glides (additive, in Java) over plucked chords or a sine organ */
    VIBRATO_LEAD("vibrato-lead", Split.TRAIN),
    /** sawtooth pad chords with tremolo under a square-wave lead melody */
    SAW_PAD("saw-pad-lead", Split.DEV),
    /** trapezium-wave arpeggios through an echo */
    ECHO_ARPEGGIO("echo-arpeggio", Split.DEV);

    private final String id;
    private final Split split;

    SynthStyle(String id, Split split) {
        this.id = id;
        this.split = split;
    }

    Split split() {
        return split;
    }

    /** The manifest's id: "sox-synth:pluck-chords". */
    String sourceId() {
        return "sox-synth:" + id;
    }
}
