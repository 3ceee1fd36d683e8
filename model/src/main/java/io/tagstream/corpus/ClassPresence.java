package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each class of a clip is present, frame by frame (after bridging its short gaps), before the label rule
 * picks one class per frame: what lies under a frame's label (speech over music, noise under music).
 */
final class ClassPresence {

    private final int frames;
    private final Map<SoundClass, boolean[]> present;

    /** @param present per class, a mask of {@code frames} frames (classes without a mask are absent throughout) */
    ClassPresence(int frames, Map<SoundClass, boolean[]> present) {
        this.frames = frames;
        Map<SoundClass, boolean[]> copy = new EnumMap<>(SoundClass.class);
        present.forEach((c, mask) -> {
            if (mask.length != frames) {
                throw new IllegalArgumentException(c.label() + " mask has " + mask.length + " frames, not " + frames);
            }
            copy.put(c, mask.clone());
        });
        this.present = Collections.unmodifiableMap(copy);
    }

    int frames() {
        return frames;
    }

    /** Whether {@code c} is present in frame {@code f}. */
    boolean isPresent(SoundClass c, int f) {
        boolean[] mask = present.get(c);
        return mask != null && mask[f];
    }

    /** Each frame's label: the highest-priority present class, silence where none is. */
    SoundClass[] labels() {
        SoundClass[] labels = new SoundClass[frames];
        for (int f = 0; f < frames; f++) {
            SoundClass label = SoundClass.SILENCE;
            for (Map.Entry<SoundClass, boolean[]> e : present.entrySet()) {
                if (e.getValue()[f] && e.getKey().outranks(label)) {
                    label = e.getKey();
                }
            }
            labels[f] = label;
        }
        return labels;
    }

    /** The runs where a class is present, class by class in {@link SoundClass#LABEL_ORDER}; they may overlap. */
    List<LabelSpan> spans() {
        List<LabelSpan> spans = new ArrayList<>();
        for (SoundClass c : SoundClass.LABEL_ORDER) {
            boolean[] mask = present.get(c);
            if (mask == null) {
                continue;
            }
            int start = -1;
            for (int f = 0; f <= frames; f++) {
                boolean on = f < frames && mask[f];
                if (on && start < 0) {
                    start = f;
                } else if (!on && start >= 0) {
                    spans.add(new LabelSpan(start, f, c));
                    start = -1;
                }
            }
        }
        return spans;
    }
}
