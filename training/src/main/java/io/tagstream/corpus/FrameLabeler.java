package io.tagstream.corpus;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The labelling rule. For each class, a frame is <em>present</em> when any layer of that class is active in it
 * ({@link Activity#activeFrames}, on the layer alone, at its final gain), after bridging the class's short gaps
 * ({@link #maxGapFrames}). A frame's label is the highest-priority present class: speech over music over noise;
 * a frame where none is present is silence (the clip's noise floor is never a label source).
 *
 * <p>With a speech masking margin {@code M} (dB, finite), a speech layer's frame counts as active only where the
 * layer is at most {@code M} dB below the music and noise layers together in that frame (their summed mean squares;
 * the floor does not count): speech buried under music or noise is not labelled speech where nobody could hear it.
 * The margin applies before bridging, so pauses between audible words are still bridged.
 */
final class FrameLabeler {

    private FrameLabeler() {
    }

    /** Longest pause, in frames, that does not interrupt a class: speech 300 ms, music 500 ms, noise 300 ms. */
    static int maxGapFrames(SoundClass c) {
        return switch (c) {
            case SPEECH, NOISE -> 30;
            case MUSIC -> 50;
            case SILENCE -> 0;
        };
    }

    /** The label of each of the clip's {@code frames} frames, without speech masking. */
    static SoundClass[] label(int frames, List<Layer> layers) {
        return presence(frames, layers, CorpusConfig.NO_SPEECH_MASKING).labels();
    }

    /** Where each class is present in the clip's {@code frames} frames, without speech masking. */
    static ClassPresence presence(int frames, List<Layer> layers) {
        return presence(frames, layers, CorpusConfig.NO_SPEECH_MASKING);
    }

    /**
     * Where each class is present in the clip's {@code frames} frames, its short gaps bridged; speech only where it
     * is at most {@code speechMaskingDb} dB below the music and noise in the frame
     * ({@link CorpusConfig#NO_SPEECH_MASKING}: off).
     */
    static ClassPresence presence(int frames, List<Layer> layers, double speechMaskingDb) {
        double[][] meanSquares = new double[layers.size()][];
        for (int i = 0; i < meanSquares.length; i++) {
            Layer layer = layers.get(i);
            meanSquares[i] = FrameEnergy.onClipGrid(layer.samples(), layer.start(), frames);
        }
        double[] background = Double.isInfinite(speechMaskingDb) ? null : background(frames, layers, meanSquares);
        double margin = Math.pow(10, speechMaskingDb / 10);
        Map<SoundClass, boolean[]> present = new EnumMap<>(SoundClass.class);
        for (int i = 0; i < meanSquares.length; i++) {
            SoundClass c = layers.get(i).soundClass();
            if (c == SoundClass.SILENCE) {
                continue;
            }
            boolean[] active = Activity.activeFrames(meanSquares[i]);
            if (background != null && c == SoundClass.SPEECH) {
                for (int f = 0; f < frames; f++) {
                    active[f] &= meanSquares[i][f] * margin >= background[f];
                }
            }
            boolean[] any = present.computeIfAbsent(c, k -> new boolean[frames]);
            for (int f = 0; f < frames; f++) {
                any[f] |= active[f];
            }
        }
        present.replaceAll((c, mask) -> Activity.bridged(mask, maxGapFrames(c)));
        return new ClassPresence(frames, present);
    }

    /** Per frame, the summed mean squares of the music and noise layers: what speech is heard against. */
    private static double[] background(int frames, List<Layer> layers, double[][] meanSquares) {
        double[] sum = new double[frames];
        for (int i = 0; i < meanSquares.length; i++) {
            SoundClass c = layers.get(i).soundClass();
            if (c == SoundClass.MUSIC || c == SoundClass.NOISE) {
                for (int f = 0; f < frames; f++) {
                    sum[f] += meanSquares[i][f];
                }
            }
        }
        return sum;
    }
}
