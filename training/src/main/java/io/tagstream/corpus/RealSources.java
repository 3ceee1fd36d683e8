package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The source library's recordings of one split, by class, package and source. A layer draws a package uniformly,
 * then one of its sources uniformly (a language, a voice, a track, a kit), then recordings of that source: so a
 * package with thousands of files or one long album does not outweigh the others.
 */
final class RealSources {

    static final RealSources NONE = new RealSources(new EnumMap<>(SoundClass.class));

    /** class -> package -> source id -> recordings (sorted maps: a seeded draw picks the same on every machine). */
    private final Map<SoundClass, TreeMap<String, TreeMap<String, List<RealRecording>>>> byPackage;

    private RealSources(Map<SoundClass, TreeMap<String, TreeMap<String, List<RealRecording>>>> byPackage) {
        this.byPackage = byPackage;
    }

    /** The recordings of {@code split} for the classes in {@code classes}. */
    static RealSources of(SourceLibrary library, Split split, Set<SoundClass> classes) {
        Map<SoundClass, TreeMap<String, TreeMap<String, List<RealRecording>>>> out = new EnumMap<>(SoundClass.class);
        for (SoundClass c : classes) {
            TreeMap<String, TreeMap<String, List<RealRecording>>> packages = new TreeMap<>();
            for (LibraryEntry e : library.recordings(c, split)) {
                packages.computeIfAbsent(e.pkg(), k -> new TreeMap<>())
                        .computeIfAbsent(e.sourceId(), k -> new ArrayList<>())
                        .add(new RealRecording(library.file(e), e.sourceId(), e.seconds(), e.rate()));
            }
            if (packages.isEmpty()) {
                throw new CorpusException("the source library has no " + c.label() + " recordings for "
                        + split.dirName());
            }
            out.put(c, packages);
        }
        return new RealSources(out);
    }

    boolean has(SoundClass c) {
        return byPackage.containsKey(c);
    }

    /**
     * Share of the layers of class {@code c} drawn from the library: 0 without recordings of {@code c}, 1 when the
     * split has no built-in source of {@code c}, {@code preferred} otherwise.
     */
    double layerShare(SoundClass c, double preferred, boolean builtInSources) {
        return !has(c) ? 0 : builtInSources ? preferred : 1;
    }

    /**
     * Whether the next layer draws from the library, at {@code share} ({@link #layerShare}); draws a number only when
     * the answer is not certain, so a split without the library draws what it drew before there was one.
     */
    static boolean drawn(double share, Random r) {
        return share > 0 && (share == 1 || r.nextDouble() < share);
    }

    /** Share of telephone-band layers of class {@code c}: the library's at {@code share}, the built-in ones' else. */
    double telephoneShare(SoundClass c, double share, double builtInTelephoneShare) {
        return share * telephoneShare(c) + (1 - share) * builtInTelephoneShare;
    }

    /** The recordings of one source of class {@code c}: a package drawn uniformly, then one of its sources. */
    List<RealRecording> randomSource(SoundClass c, Random r) {
        List<TreeMap<String, List<RealRecording>>> packages = new ArrayList<>(byPackage.get(c).values());
        TreeMap<String, List<RealRecording>> sources = packages.get(r.nextInt(packages.size()));
        List<List<RealRecording>> lists = new ArrayList<>(sources.values());
        return lists.get(r.nextInt(lists.size()));
    }

    /** The sources of package {@code pkg} among the recordings of class {@code c}, in source order (none: empty). */
    List<List<RealRecording>> sourcesOf(SoundClass c, String pkg) {
        TreeMap<String, TreeMap<String, List<RealRecording>>> packages = byPackage.get(c);
        TreeMap<String, List<RealRecording>> sources = packages == null ? null : packages.get(pkg);
        return sources == null ? List.of() : List.copyOf(sources.values());
    }

    /** Share of the layers of class {@code c} that are telephone-band recordings (by the uniform draws above). */
    private double telephoneShare(SoundClass c) {
        TreeMap<String, TreeMap<String, List<RealRecording>>> packages = byPackage.get(c);
        if (packages == null) {
            return 0;
        }
        double share = 0;
        for (TreeMap<String, List<RealRecording>> sources : packages.values()) {
            long narrow = sources.values().stream().filter(list -> list.get(0).telephoneBand()).count();
            share += narrow / (double) sources.size() / packages.size();
        }
        return share;
    }

    /** Every source id of class {@code c}, as manifest ids. */
    List<String> manifestIds(SoundClass c) {
        TreeMap<String, TreeMap<String, List<RealRecording>>> packages = byPackage.get(c);
        List<String> ids = new ArrayList<>();
        if (packages != null) {
            packages.values().forEach(sources -> sources.keySet()
                    .forEach(id -> ids.add(RealRecording.ID_PREFIX + id)));
        }
        return ids;
    }
}
