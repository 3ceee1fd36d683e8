package io.tagstream.corpus;

import java.util.List;
import java.util.Random;

/** What a scene of a clip contains; a clip is a shuffled sequence of scenes with gaps. */
enum SceneKind {
    SILENCE(0.10, 0.6, 4),
    SPEECH(0.20, 2, 14),
    MUSIC(0.13, 3, 12),
    NOISE(0.22, 2, 12),
    SPEECH_OVER_MUSIC(0.13, 3, 14),
    SPEECH_OVER_NOISE(0.13, 3, 12),
    NOISE_OVER_MUSIC(0.09, 3, 10);

    /** Every clip has at least one scene of each of these, so every class occurs in every clip. */
    static final List<SceneKind> REQUIRED = List.of(SILENCE, SPEECH, MUSIC, NOISE);

    private final double weight;
    private final double minSeconds;
    private final double maxSeconds;

    SceneKind(double weight, double minSeconds, double maxSeconds) {
        this.weight = weight;
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    /** A kind drawn by weight. */
    static SceneKind random(Random r) {
        return random(r, 1);
    }

    /**
     * A kind drawn by weight, the weights of speech over music and speech over noise multiplied by
     * {@code mixtureBoost} (then all normalised); a boost of 1 draws exactly as the weights alone (the draw is not
     * rescaled and every weight is multiplied by exactly 1).
     */
    static SceneKind random(Random r, double mixtureBoost) {
        double total = 1;
        if (mixtureBoost != 1) {
            total = 0;
            for (SceneKind k : values()) {
                total += k.boosted(mixtureBoost);
            }
        }
        double pick = r.nextDouble() * total;
        for (SceneKind k : values()) {
            pick -= k.boosted(mixtureBoost);
            if (pick < 0) {
                return k;
            }
        }
        return SILENCE;
    }

    /** Whether speech plays over a background in this kind of scene. */
    boolean speechOverBackground() {
        return this == SPEECH_OVER_MUSIC || this == SPEECH_OVER_NOISE;
    }

    private double boosted(double mixtureBoost) {
        return speechOverBackground() ? weight * mixtureBoost : weight;
    }

    /** A duration uniform in the kind's range, each bound capped at {@code capSeconds}. */
    double randomSeconds(Random r, double capSeconds) {
        double lo = Math.min(minSeconds, capSeconds);
        double hi = Math.min(maxSeconds, capSeconds);
        return lo + (hi - lo) * r.nextDouble();
    }
}
