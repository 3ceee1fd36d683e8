package io.tagstream.corpus;

/**
 * Noises generated in Java from a seeded {@link java.util.Random} and shaped with sox filters (so sox's own noise
 * generator, identical on every call under {@code -R}, is never the source of variety). Recipes are split
 * train/dev; the steady ones also serve, at a low level, as the noise floors of silence.
 */
enum NoiseRecipe {
    WHITE("white", Split.TRAIN, true),
    PINK("pink", Split.TRAIN, true),
    BROWN("brown", Split.TRAIN, true),
    /** mains hum: 50 or 60 Hz with random harmonics, over faint pink noise */
    HUM("hum", Split.TRAIN, true),
    /** white noise through a random band-pass */
    BAND("band-pass", Split.TRAIN, true),
    /** pink noise under a slow or fast tremolo (engines, fans, wind gusts) */
    MODULATED("modulated", Split.TRAIN, false),
    /** random clicks and pops (vinyl, contact noise, up to a dense patter) over faint brown noise */
    CRACKLE("crackle", Split.TRAIN, false),
    /** two other train recipes summed at a random balance, sometimes low-passed (real noise is rarely one kind) */
    MIXTURE("mixture", Split.TRAIN, false),
    /**
     * a random texture: a random blend of white, pink and brown noise, 0..3 resonances, a steady, wandering,
     * pulsing or bursting envelope, clicks a third of the time (the space of everyday noises, so that "noise" is
     * learnt as a kind of sound rather than as the few recipes above)
     */
    TEXTURE("texture", Split.TRAIN, false),
    /** brown rumble + hum at a random mains-like frequency + sparse crackle */
    RUMBLE_MIX("rumble-hum-crackle", Split.DEV, true),
    /** dense small drops (clicks) over band-passed pink noise */
    RAIN("rain", Split.DEV, true),
    /** brown noise with a slowly wandering gain and band (wind) */
    WIND("wind", Split.DEV, false);

    private final String id;
    private final Split split;
    private final boolean steady;

    NoiseRecipe(String id, Split split, boolean steady) {
        this.id = id;
        this.split = split;
        this.steady = steady;
    }

    Split split() {
        return split;
    }

    /** True when the noise has a constant character, fit to be a floor under a whole clip. */
    boolean steady() {
        return steady;
    }

    /** The manifest's id as a noise: "sox-noise:pink". */
    String sourceId() {
        return "sox-noise:" + id;
    }

    /** The manifest's id as a silence floor: "floor:pink". */
    String floorId() {
        return "floor:" + id;
    }
}
