package io.tagstream.corpus;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import io.tagstream.reference.LabelSpan;

/**
 * A finished clip: the mix, one label per frame, and what it is made of.
 *
 * @param seed     the clip's seed (derived from the corpus seed, split and index)
 * @param samples  the mix, mono, {@link Sox#RATE} Hz, a whole number of frames
 * @param presence where each class is present, frame by frame; the labels follow from it
 * @param band     the band every layer was limited to
 * @param layers   the placed layers (floor first)
 */
record Clip(long seed, float[] samples, ClassPresence presence, BandLimit band, List<Layer> layers) {

    Clip {
        layers = List.copyOf(layers);
        if (samples.length != presence.frames() * FrameEnergy.FRAME) {
            throw new IllegalArgumentException(
                    "clip has " + samples.length + " samples but " + presence.frames() + " label frames");
        }
    }

    /** The label of each frame (the label rule applied to {@link #presence}). */
    SoundClass[] labels() {
        return presence.labels();
    }

    /** The label runs, tiling the clip. */
    List<LabelSpan<SoundClass>> spans() {
        return LabelSpan.runs(labels());
    }

    /** Frames per class (every class present as a key). */
    Map<SoundClass, Long> framesPerClass() {
        Map<SoundClass, Long> frames = new EnumMap<>(SoundClass.class);
        for (SoundClass c : SoundClass.values()) {
            frames.put(c, 0L);
        }
        for (SoundClass c : labels()) {
            frames.merge(c, 1L, Long::sum);
        }
        return frames;
    }

    /** Source ids used, by the class of the layer they are in. */
    Map<SoundClass, SortedSet<String>> sourcesPerClass() {
        Map<SoundClass, SortedSet<String>> sources = new EnumMap<>(SoundClass.class);
        for (Layer layer : layers) {
            sources.computeIfAbsent(layer.soundClass(), c -> new TreeSet<>()).addAll(layer.sources());
        }
        return sources;
    }
}
