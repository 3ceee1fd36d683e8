package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceRulesTest {

    private static final SourceRules RULES = SourceRules.bundled();

    /** Real paths of the fetched packages (as listed by find in the extracted .deb files) and their decisions. */
    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
    @CsvSource(delimiter = '|', value = {
        "asterisk-core-sounds-fr-wav|usr/share/asterisk/sounds/fr_CA_f_June/privacy-prompt.wav|speech|train|asterisk-core-sounds-fr-wav:june",
        "asterisk-core-sounds-fr-wav|usr/share/asterisk/sounds/fr_CA_f_June/beep.wav|excluded||",
        "asterisk-prompt-es-co|usr/share/asterisk/sounds/es/silence/1.gsm|excluded||",
        "asterisk-prompt-it-menardi-wav|usr/share/asterisk/sounds/it_IT_f_Menardi/digits/5.wav|speech|dev|asterisk-prompt-it-menardi-wav:paola",
        "tuxpaint-stamps-default|usr/share/tuxpaint/stamps/symbols/money/us/coins/001penny_desc_bg.ogg|speech|dev|tuxpaint-stamps-default:bg",
        "tuxpaint-stamps-default|usr/share/tuxpaint/stamps/animals/mammals/cat_desc_pt_BR.ogg|speech|train|tuxpaint-stamps-default:pt",
        "tuxpaint-stamps-default|usr/share/tuxpaint/stamps/animals/mammals/cat_desc.ogg|speech|train|tuxpaint-stamps-default:en",
        "tuxpaint-stamps-default|usr/share/tuxpaint/stamps/symbols/alphabets/latin/a_el.ogg|speech|dev|tuxpaint-stamps-default:el",
        "tuxpaint-stamps-default|usr/share/tuxpaint/stamps/food/fruit/apple_red.ogg|noise|train|tuxpaint-stamps-default:effects",
        "tuxpaint-stamps-default|usr/share/tuxpaint/stamps/hobbies/music/guitar.ogg|excluded||",
        "tuxpaint-stamps-default|usr/share/tuxpaint/stamps/symbols/faces/mad.ogg|excluded||",
        "klettres-data|usr/share/klettres/uk/alpha/a.ogg|speech|dev|klettres-data:uk",
        "klettres-data|usr/share/klettres/ml/syllab/ka.ogg|speech|train|klettres-data:ml",
        "ktuberling-data|usr/share/ktuberling/sounds/sr@latin/hat.ogg|speech|train|ktuberling-data:sr",
        "ktuberling-data|usr/share/ktuberling/sounds/hu/hat.ogg|speech|dev|ktuberling-data:hu",
        "fillets-ng-data-cs|usr/share/games/fillets-ng/sound/city/cs/vit-m-hlava.ogg|speech|train|fillets-ng-data-cs:cs",
        "fillets-ng-data-cs|usr/share/games/fillets-ng/sound/cabin1/cs/k1-pap-problem.ogg|excluded||",
        "warzone2100-music|usr/share/games/warzone2100/music/menu.opus|music|dev|warzone2100-music:severn",
        "warzone2100-music|usr/share/games/warzone2100/music/albums/original_soundtrack/track2.opus|music|dev|warzone2100-music:severn",
        "warzone2100-music|usr/share/games/warzone2100/music/albums/aftermath_soundtrack/track3_enhanced.opus|music|dev|warzone2100-music:severn",
        "warzone2100-music|usr/share/games/warzone2100/music/albums/legacy_soundtrack/track5.opus|music|train|warzone2100-music:lupus",
        "nexuiz-music|unpacked/music.pk3/sound/cdtracks/stairs.ogg|music|train|nexuiz-music:stairs",
        "nexuiz-music|unpacked/music.pk3/sound/cdtracks/thunder.ogg|excluded||",
        "blobwars-data|usr/share/games/blobwars/music/end|music|train|blobwars-data:end",
        "blobwars-data|usr/share/games/blobwars/music/end.tags|excluded||",
        "blobwars-data|usr/share/games/blobwars/sound/death3|excluded||",
        "blobwars-data|usr/share/games/blobwars/sound/laser|noise|train|blobwars-data:effects",
        "fretsonfire-songs-sectoid|usr/share/games/fretsonfire/data/songs/sectoid/Metal madness/guitar.ogg|music|dev|fretsonfire-songs-sectoid:metal madness",
        "fretsonfire-songs-muldjord|usr/share/games/fretsonfire/data/songs/muldjord/chaos_god/song.ogg|music|train|fretsonfire-songs-muldjord:chaos_god",
        "hedgewars-data|usr/share/games/hedgewars/Data/Music/Beach.ogg|music|train|hedgewars-data:beach",
        "hedgewars-data|usr/share/games/hedgewars/Data/Sounds/landgun.ogg|excluded||",
        "freedoom|unpacked/freedoom2.wad/D_RUNNIN.mid|music|train|freedoom:d_runnin",
        "openttd-openmsx|usr/share/games/openttd/baseset/openmsx/harp_harmony.mid|music|dev|openttd-openmsx:harp_harmony",
        "mma|rendered/bossanova.mid|music|dev|mma:bossanova",
        "mma|rendered/march.mid|music|dev|mma:march",
        "mma|rendered/bwmarch.mid|music|train|mma:bwmarch",
        "mma|rendered/50srock.mid|music|train|mma:50srock",
        "mma|rendered/metronome68.mid|excluded||",
        "mma|usr/share/mma/lib/stdlib/bossanova.mma|excluded||",
        "freedroid-data|usr/share/games/freedroid/sound/The_Last_V8.mod|music|dev|freedroid-data:the_last_v8",
        "freedroid-data|usr/share/games/freedroid/sound/Got_Hit_Sound_0.wav|excluded||",
        "btanks-data|usr/share/games/btanks/data/sounds/ambient/forest.ogg|noise|dev|btanks-data:effects",
        "btanks-data|usr/share/games/btanks/data/sounds/ambient/horror.ogg|excluded||",
        "btanks-data|usr/share/games/btanks/data/tunes/boss-1.ogg|excluded||",
        "boswars-data|usr/share/games/boswars/units/engineer/engineer_select.wav|excluded||",
        "boswars-data|usr/share/games/boswars/units/engineer/engineer.ready.wav|excluded||",
        "boswars-data|usr/share/games/boswars/units/engineer/engineer_attack.wav|noise|train|boswars-data:effects",
        "openttd-opensfx|unpacked/opensfx.cat/Good Year.wav|excluded||",
        "openttd-opensfx|unpacked/opensfx.cat/Splat (building docks-canals-river).wav|noise|dev|openttd-opensfx:effects",
        "megaglest-data|usr/share/games/megaglest/tilesets/winter/sounds/wind.ogg|noise|train|megaglest-data:ambient",
        "megaglest-data|usr/share/games/megaglest/data/core/menu/sound/click_a.wav|excluded||",
        "megaglest-data|usr/share/games/megaglest/tilesets/hell/sounds/good_morning.wav|excluded||",
        "megaglest-data|usr/share/games/megaglest/techs/megapack/factions/tech/units/worker/sounds/worker_select1.wav|excluded||",
        "megaglest-data|usr/share/games/megaglest/techs/megapack/commondata/sounds/axe_thrower_attack4.wav|excluded||",
        "megaglest-data|usr/share/games/megaglest/techs/megapack/commondata/sounds/catapult_attack1.wav|noise|train|megaglest-data:units",
        "hydrogen-drumkits|usr/share/hydrogen/data/drumkits/circAfrique v4/djembe1 bass.wav|noise|dev|hydrogen-drumkits:circafrique",
        "hydrogen-drumkits|usr/share/hydrogen/data/drumkits/Audiophob/99931__menegass__noise-tom1.wav|noise|train|hydrogen-drumkits:kits",
        "hydrogen-drumkits|usr/share/hydrogen/data/drumkits/Millo-Drums_v.1/emptySample.flac|excluded||",
        "scorched3d-data|usr/share/games/scorched3d/data/globalmods/none/data/wav/explosions/gloop.wav|noise|train|scorched3d-data:effects",
        "lincity-ng-data|usr/share/games/lincity-ng/sounds/MarketLow1.wav|excluded||",
        "lincity-ng-data|usr/share/games/lincity-ng/sounds/IndustryHigh2.wav|noise|train|lincity-ng-data:effects",
        "bucklespring-data|usr/share/buckle/wav/17-0.wav|noise|dev|bucklespring-data:keys"})
    void bundledRulesDecideRealPaths(String pkg, String path, String label, String split, String source) {
        SourceDecision d = RULES.decide(pkg, path);
        assertEquals(label, d.label(), d.reason());
        if (d.kept()) {
            assertEquals(split, d.split().dirName());
            assertEquals(source, d.sourceId());
            assertFalse(d.reason().isBlank());
        } else {
            assertNull(d.split());
        }
    }

    @Test
    void theTwoPartsOfAFretsOnFireSongAreOneTrack() {
        String dir = "usr/share/games/fretsonfire/data/songs/sectoid/Feelings/";
        SourceDecision song = RULES.decide("fretsonfire-songs-sectoid", dir + "song.ogg");
        SourceDecision guitar = RULES.decide("fretsonfire-songs-sectoid", dir + "guitar.ogg");
        assertTrue(song.part() && guitar.part());
        assertEquals(song.sourceId(), guitar.sourceId());
        assertFalse(RULES.decide("fretsonfire-songs-sectoid", dir + "notes.mid").kept(), "the note chart is not music");
    }

    @Test
    void aFileNoRuleMatchesIsExcludedWithThatReason() {
        SourceDecision d = RULES.decide("hedgewars-data", "usr/share/games/hedgewars/Data/Graphics/intro.ogg");
        assertFalse(d.kept());
        assertEquals("no rule", d.reason());
    }

    @Test
    void aDevLanguageIsDevInEveryPackageThatSplitsByLanguage() {
        for (String language : SourceRules.DEV_LANGUAGES) {
            assertEquals(Split.DEV, RULES.decide("klettres-data", "usr/share/klettres/" + language + "/alpha/b.ogg")
                    .split(), language);
            assertEquals(Split.DEV, RULES.decide("ktuberling-data", "usr/share/ktuberling/sounds/" + language
                    + "/hat.ogg").split(), language);
            assertEquals(Split.DEV, RULES.decide("tuxpaint-stamps-default",
                    "usr/share/tuxpaint/stamps/animals/cat_desc_" + language + ".ogg").split(), language);
        }
    }

    @Test
    void theFirstMatchingRuleWins() throws Exception {
        SourceRules rules = SourceRules.parse(new BufferedReader(new StringReader(String.join("\n", List.of(
                "# comment",
                "pkg-*\t/keep/special\\.wav$\tmusic\tdev\tspecial\tfirst rule",
                "pkg-a\t/keep/\tnoise\ttrain\t{name}\tsecond rule".replace("{name}", "all"),
                "pkg-a\t\\.wav$\texclude\t-\t-\tthird rule")))));
        assertEquals("first rule", rules.decide("pkg-a", "x/keep/special.wav").reason());
        assertEquals("pkg-a:special", rules.decide("pkg-a", "x/keep/special.wav").sourceId());
        assertEquals("second rule", rules.decide("pkg-a", "x/keep/other.wav").reason());
        assertEquals("third rule", rules.decide("pkg-a", "x/other.wav").reason());
        assertEquals("no rule", rules.decide("pkg-b", "x/other.wav").reason());
        assertTrue(rules.covers("pkg-zzz"));
    }

    @Test
    void aMalformedRuleIsRefusedNamingItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceRules.parse(
                new BufferedReader(new StringReader("# header\npkg\t\\.wav$\tspeach\ttrain\tx\twhy\n"))));
        assertTrue(e.getMessage().startsWith("real-source-rules.tsv line 2: unknown class 'speach'"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SourceRules.parse(
                new BufferedReader(new StringReader("pkg\t\\.wav$\texclude\ttrain\t-\twhy\n"))),
                "an excluded file has no split");
        assertThrows(IllegalArgumentException.class, () -> SourceRules.parse(
                new BufferedReader(new StringReader("pkg\t\\.wav$\tspeech\n"))), "too few fields");
    }
}
