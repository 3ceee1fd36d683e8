package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split of the real Debian sources (missing packages fail with the package to install). */
class SourceCatalogTest {

    private static final CorpusConfig ALL = CorpusConfig.of(1, 1);

    @Test
    void promptsAreEnglishForTrainSpanishForDevAndNeverFromSilence() {
        SplitSources train = SourceCatalog.scan(ALL, Split.TRAIN);
        SplitSources dev = SourceCatalog.scan(ALL, Split.DEV);
        assertTrue(train.prompts().size() > 400, "en prompts: " + train.prompts().size());
        assertTrue(dev.prompts().size() > 400, "es prompts: " + dev.prompts().size());
        assertTrue(train.prompts().stream().allMatch(p -> p.toString().contains("/en_US_f_Allison/")));
        assertTrue(dev.prompts().stream().allMatch(p -> p.toString().contains("/es_MX_f_Allison/")));
        for (SplitSources s : List.of(train, dev)) {
            assertTrue(s.prompts().stream().noneMatch(p -> p.toString().contains("/silence/")));
            assertTrue(s.prompts().stream().noneMatch(p -> Set.of("beep.wav", "ascending-2tone.wav", "tt-monkeys.wav",
                    "confbridge-join.wav").contains(p.getFileName().toString())), "tones and effects are not speech");
        }
    }

    @Test
    void musicOnHoldIsTheThreeNamedTracksSplitTwoToOne() {
        assertEquals(List.of("macroform-cold_day.wav", "macroform-robot_dity.wav"),
                names(SourceCatalog.scan(ALL, Split.TRAIN).mohTracks()));
        assertEquals(List.of("manolo_camp-morning_coffee.wav"), names(SourceCatalog.scan(ALL, Split.DEV).mohTracks()));
    }

    @Test
    void sonicPiUsesOnlyTheElevenFamiliesInBothSplitsDisjointByFile() {
        Set<String> allowed = Set.of("bass", "bd", "drum", "elec", "glitch", "guit", "loop", "mehackit", "perc", "sn",
                "tabla");
        Map<Split, Set<String>> filesOf = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            Map<SonicPiFamily, List<Path>> families = SourceCatalog.scan(ALL, split).sonicPi();
            assertEquals(Set.of(SonicPiFamily.values()), families.keySet(), "every family in " + split);
            filesOf.put(split, new HashSet<>());
            for (Map.Entry<SonicPiFamily, List<Path>> e : families.entrySet()) {
                for (String name : names(e.getValue())) {
                    filesOf.get(split).add(name);
                    assertTrue(name.startsWith(e.getKey().prefix() + "_") && name.endsWith(".flac"), name);
                    assertTrue(allowed.contains(name.substring(0, name.indexOf('_'))), name);
                    assertFalse(name.equals("loop_3d_printer.flac"), "a machine recording is not music");
                }
            }
        }
        assertTrue(Collections.disjoint(filesOf.get(Split.TRAIN), filesOf.get(Split.DEV)), "no file in both");
        // tabla has 26 files: indices 3, 7, ..., 23 (every 4th) are dev
        assertEquals(6, filesOf.get(Split.DEV).stream().filter(n -> n.startsWith("tabla_")).count());
    }

    @Test
    void espeakVoicesShareNoLanguageAndNoVariantAcrossSplits() {
        assertTrue(Collections.disjoint(SourceCatalog.TRAIN_LANGUAGES, SourceCatalog.DEV_LANGUAGES));
        assertTrue(Collections.disjoint(SourceCatalog.TRAIN_VARIANTS, SourceCatalog.DEV_VARIANTS));
        assertEquals(SourceCatalog.TRAIN_LANGUAGES.size() * SourceCatalog.TRAIN_VARIANTS.size(),
                SourceCatalog.scan(ALL, Split.TRAIN).voices().size());
    }

    @Test
    void switchedOffGroupsContributeNothing() {
        CorpusConfig some = ALL.withSources(Set.of(SourceGroup.PROMPTS, SourceGroup.MOH, SourceGroup.SOX_NOISE));
        SplitSources s = SourceCatalog.scan(some, Split.TRAIN);
        assertTrue(s.voices().isEmpty() && s.synthStyles().isEmpty() && s.sonicPi().isEmpty());
        assertFalse(s.prompts().isEmpty() || s.mohTracks().isEmpty() || s.noises().isEmpty());
        assertFalse(s.floors().isEmpty(), "floors need no group");
    }

    @Test
    void missingPackagesAreNamed(@TempDir Path empty) {
        SourceLocations nowhere = new SourceLocations(empty, empty, empty, "sox", "espeak-ng");
        assertPackage("asterisk-core-sounds-en-wav", ALL.withLocations(nowhere), Split.TRAIN, SourceGroup.PROMPTS);
        assertPackage("asterisk-core-sounds-es-wav", ALL.withLocations(nowhere), Split.DEV, SourceGroup.PROMPTS);
        assertPackage("asterisk-moh-opsound-wav", ALL.withLocations(nowhere), Split.TRAIN, SourceGroup.MOH);
        assertPackage("sonic-pi-samples", ALL.withLocations(nowhere), Split.DEV, SourceGroup.SONIC_PI);
    }

    private static void assertPackage(String aptPackage, CorpusConfig config, Split split, SourceGroup group) {
        CorpusConfig only = config.withSources(Set.of(group, SourceGroup.ESPEAK, SourceGroup.SOX_MUSIC,
                SourceGroup.SOX_NOISE));
        MissingPackageException e = assertThrows(MissingPackageException.class, () -> SourceCatalog.scan(only, split));
        assertEquals(aptPackage, e.aptPackage());
        assertTrue(e.getMessage().endsWith("install the Debian package " + aptPackage + " (apt-get install "
                + aptPackage + ")"), e.getMessage());
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }
}
