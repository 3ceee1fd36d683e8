package io.tagstream.corpus;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The labelling rule. For each class, a frame is <em>present</em> when any layer of that class is active in it
 * ({@link Activity#activeFrames}, on the layer alone, at its final gain), after bridging the class's short gaps
 * ({@link #maxGapFrames}). A frame's label is the highest-priority present class: speech over music over noise;
 * a frame where none is present is silence (the clip's noise floor is never a label source).
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

    /** The label of each of the clip's {@code frames} frames. */
    static SoundClass[] label(int frames, List<Layer> layers) {
        return presence(frames, layers).labels();
    }

    /** Where each class is present in the clip's {@code frames} frames, its short gaps bridged. */
    static ClassPresence presence(int frames, List<Layer> layers) {
        Map<SoundClass, boolean[]> present = new EnumMap<>(SoundClass.class);
        for (Layer layer : layers) {
            if (layer.soundClass() == SoundClass.SILENCE) {
                continue;
            }
            boolean[] active = Activity.activeFrames(FrameEnergy.onClipGrid(layer.samples(), layer.start(), frames));
            boolean[] any = present.computeIfAbsent(layer.soundClass(), c -> new boolean[frames]);
            for (int f = 0; f < frames; f++) {
                any[f] |= active[f];
            }
        }
        present.replaceAll((c, mask) -> Activity.bridged(mask, maxGapFrames(c)));
        return new ClassPresence(frames, present);
    }
}
