package io.tagstream.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which of ND4J's native builds a process loads. The jar carries two (pom.xml): the generic x86-64 build, and the
 * build for AVX2 + FMA CPUs with oneDNN, whose convolution kernels make a training step of the conv front end about
 * 1.7 times as fast as the plain AVX2 build's (docs/model.md, "Native build"). JavaCPP loads the build the system
 * property {@value #PROPERTY} names (empty: the generic one); without it, it picks from its own list of builds (with
 * the jar's two, the oneDNN one on this project's machines). {@link #select()} makes the choice from the CPU's flags
 * before ND4J loads, so a CPU without AVX2 gets the generic build. A property the user set wins.
 */
public final class Nd4jNativeBuild {

    /** The JavaCPP system property naming the build (a classifier suffix; empty for the generic build). */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The AVX2 + FMA build with oneDNN. */
    public static final String ONEDNN_AVX2 = "-onednn-avx2";
    /** The generic x86-64 build. */
    public static final String GENERIC = "";

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private Nd4jNativeBuild() {
    }

    /**
     * Names the build for this CPU in {@value #PROPERTY}, unless the property is already set. Call before anything
     * touches ND4J. Returns the build that will load.
     */
    public static String select() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return set;
        }
        String chosen = forFlags(cpuFlags());
        System.setProperty(PROPERTY, chosen);
        return chosen;
    }

    /** The classifier of the build this process loads (or will load), e.g. {@code linux-x86_64-onednn-avx2}. */
    public static String classifier() {
        return "linux-x86_64" + System.getProperty(PROPERTY, GENERIC);
    }

    /** The build for a CPU with these flags (as {@code /proc/cpuinfo} spells them). */
    public static String forFlags(Set<String> flags) {
        return flags.contains("avx2") && flags.contains("fma") ? ONEDNN_AVX2 : GENERIC;
    }

    /** The flags of this machine's first CPU; none where {@code /proc/cpuinfo} is missing (not Linux). */
    static Set<String> cpuFlags() {
        if (!Files.isReadable(CPU_INFO)) {
            return Set.of();
        }
        try (Stream<String> lines = Files.lines(CPU_INFO)) {
            return flagsOf(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CPU_INFO, e);
        }
    }

    /** The flags on the first {@code flags : ...} line of {@code /proc/cpuinfo}-formatted lines. */
    static Set<String> flagsOf(Stream<String> cpuInfoLines) {
        Optional<String> line = cpuInfoLines.filter(l -> l.startsWith("flags")).findFirst();
        return line.map(l -> l.substring(l.indexOf(':') + 1).trim())
                .map(list -> Arrays.stream(list.split("\\s+")).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
