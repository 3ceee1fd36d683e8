package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The source library's recordings of one split, by class and by source: a layer draws one source uniformly (so a
 * package with thousands of files does not outweigh one with a few long ones), then recordings of that source.
 */
final class RealSources {

    static final RealSources NONE = new RealSources(new EnumMap<>(SoundClass.class));

    private final Map<SoundClass, TreeMap<String, List<RealRecording>>> bySource;

    private RealSources(Map<SoundClass, TreeMap<String, List<RealRecording>>> bySource) {
        this.bySource = bySource;
    }

    /** The recordings of {@code split} for the classes in {@code classes}. */
    static RealSources of(SourceLibrary library, Split split, java.util.Set<SoundClass> classes) {
        Map<SoundClass, TreeMap<String, List<RealRecording>>> out = new EnumMap<>(SoundClass.class);
        for (SoundClass c : classes) {
            TreeMap<String, List<RealRecording>> sources = new TreeMap<>();
            for (LibraryEntry e : library.recordings(c, split)) {
                sources.computeIfAbsent(e.sourceId(), k -> new ArrayList<>())
                        .add(new RealRecording(library.file(e), e.sourceId(), e.seconds(), e.rate()));
            }
            if (sources.isEmpty()) {
                throw new CorpusException("the source library has no " + c.label() + " recordings for "
                        + split.dirName());
            }
            out.put(c, sources);
        }
        return new RealSources(out);
    }

    boolean has(SoundClass c) {
        return bySource.containsKey(c);
    }

    /** The recordings of one source of class {@code c}, drawn uniformly among its sources. */
    List<RealRecording> randomSource(SoundClass c, Random r) {
        TreeMap<String, List<RealRecording>> sources = bySource.get(c);
        List<String> ids = new ArrayList<>(sources.keySet());
        return sources.get(ids.get(r.nextInt(ids.size())));
    }

    /** Share of the sources of class {@code c} that are telephone-band (drawn uniformly, so the layer share). */
    double telephoneShare(SoundClass c) {
        TreeMap<String, List<RealRecording>> sources = bySource.get(c);
        if (sources == null) {
            return 0;
        }
        long narrow = sources.values().stream().filter(list -> list.get(0).telephoneBand()).count();
        return narrow / (double) sources.size();
    }

    /** Every source id of class {@code c}, as manifest ids. */
    List<String> manifestIds(SoundClass c) {
        TreeMap<String, List<RealRecording>> sources = bySource.get(c);
        return sources == null ? List.of()
                : sources.keySet().stream().map(id -> RealRecording.ID_PREFIX + id).toList();
    }
}
