package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tagstream.reference.LabelSpan;

/**
 * Where each class of a clip is present, frame by frame (after bridging its short gaps), and the label the rule
 * picks from that per frame: the highest-priority present class, silence where none is. The presence is what lies
 * under a frame's label (speech over music, noise under music).
 */
final class ClassPresence {

    private final Map<SoundClass, boolean[]> present;
    private final SoundClass[] labels;

    /** @param present per class, a mask of {@code frames} frames (classes without a mask are absent throughout) */
    ClassPresence(int frames, Map<SoundClass, boolean[]> present) {
        Map<SoundClass, boolean[]> copy = new EnumMap<>(SoundClass.class);
        present.forEach((c, mask) -> {
            if (mask.length != frames) {
                throw new IllegalArgumentException(c.label() + " mask has " + mask.length + " frames, not " + frames);
            }
            copy.put(c, mask.clone());
        });
        this.present = Collections.unmodifiableMap(copy);
        this.labels = new SoundClass[frames];
        for (int f = 0; f < frames; f++) {
            SoundClass label = SoundClass.SILENCE;
            for (Map.Entry<SoundClass, boolean[]> e : copy.entrySet()) {
                if (e.getValue()[f] && e.getKey().outranks(label)) {
                    label = e.getKey();
                }
            }
            labels[f] = label;
        }
    }

    int frames() {
        return labels.length;
    }

    /** Each frame's label (a copy). */
    SoundClass[] labels() {
        return labels.clone();
    }

    /** The runs where a class is present, class by class in {@link SoundClass#LABEL_ORDER}; they may overlap. */
    List<LabelSpan<SoundClass>> spans() {
        List<LabelSpan<SoundClass>> spans = new ArrayList<>();
        for (SoundClass c : SoundClass.LABEL_ORDER) {
            boolean[] mask = present.get(c);
            if (mask == null) {
                continue;
            }
            SoundClass[] onOff = new SoundClass[mask.length];
            for (int f = 0; f < mask.length; f++) {
                onOff[f] = mask[f] ? c : SoundClass.SILENCE;
            }
            LabelSpan.runs(onOff).stream().filter(run -> run.label() == c).forEach(spans::add);
        }
        return spans;
    }
}
