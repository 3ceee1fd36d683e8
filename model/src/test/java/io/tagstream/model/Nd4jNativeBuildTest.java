package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jNativeBuildTest {

    @Test
    void cpusWithAvx2AndFmaGetTheOneDnnBuildAndOthersTheGenericOne() {
        assertEquals(Nd4jNativeBuild.ONEDNN_AVX2, Nd4jNativeBuild.forFlags(Set.of("sse4_2", "avx", "avx2", "fma")));
        assertEquals(Nd4jNativeBuild.GENERIC, Nd4jNativeBuild.forFlags(Set.of("sse4_2", "avx", "avx2")));
        assertEquals(Nd4jNativeBuild.GENERIC, Nd4jNativeBuild.forFlags(Set.of("sse4_2", "avx", "fma")));
        assertEquals(Nd4jNativeBuild.GENERIC, Nd4jNativeBuild.forFlags(Set.of()));
    }

    @Test
    void flagsComeFromTheFirstFlagsLineOfCpuInfo() {
        Stream<String> cpuInfo = Stream.of(
                "processor\t: 0",
                "model name\t: Some CPU",
                "flags\t\t: fpu sse4_2 avx avx2  fma",
                "bogomips\t: 4000.00",
                "processor\t: 1",
                "flags\t\t: fpu");
        assertEquals(Set.of("fpu", "sse4_2", "avx", "avx2", "fma"), Nd4jNativeBuild.flagsOf(cpuInfo));
        assertEquals(Set.of(), Nd4jNativeBuild.flagsOf(Stream.of("processor\t: 0")));
    }

    @Test
    void aBuildTheUserNamedWins() {
        String before = System.getProperty(Nd4jNativeBuild.PROPERTY);
        System.setProperty(Nd4jNativeBuild.PROPERTY, "-user-choice");
        try {
            assertEquals("-user-choice", Nd4jNativeBuild.select());
            assertEquals("-user-choice", System.getProperty(Nd4jNativeBuild.PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(Nd4jNativeBuild.PROPERTY);
            } else {
                System.setProperty(Nd4jNativeBuild.PROPERTY, before);
            }
        }
    }

    /** The pom names a build for the tests (nd4j.build); that build is in the jars and is the one that loads. */
    @Test
    void theNamedBuildIsTheOneThatLoads() throws IOException {
        String named = System.getProperty(Nd4jNativeBuild.PROPERTY, Nd4jNativeBuild.GENERIC);
        Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c').mmul(Nd4j.eye(2).castTo(DataType.FLOAT));
        Path maps = Path.of("/proc/self/maps");
        Set<String> loaded;
        try (Stream<String> lines = Files.lines(maps)) {
            loaded = lines.filter(l -> l.endsWith("/libnd4jcpu.so"))
                    .map(l -> Path.of(l.substring(l.indexOf('/'))).getParent().getFileName().toString())
                    .collect(Collectors.toSet());
        }
        assertEquals(Set.of("linux-x86_64" + named), loaded);
        assertEquals(Set.of(Nd4jNativeBuild.classifier()), loaded);
        String forThisCpu = Nd4jNativeBuild.forFlags(Nd4jNativeBuild.cpuFlags());
        assertTrue(named.equals(Nd4jNativeBuild.GENERIC) || named.equals(forThisCpu),
                "the tests run ND4J's " + named + " build on a CPU it was not made for");
    }
}
