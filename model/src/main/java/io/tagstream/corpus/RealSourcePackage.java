package io.tagstream.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Debian package the real-source library is made from (bundled list {@code real-source-packages.tsv}), with the
 * licence and holder its copyright file names; they go into the library's packages.tsv and into NOTICE.md.
 *
 * @param name    the Debian package
 * @param role    what it gives (e.g. "music (tracker modules, rendered with openmpt123)")
 * @param licence its licence(s)
 * @param holder  the copyright holder(s)
 */
record RealSourcePackage(String name, String role, String licence, String holder) {

    static final String RESOURCE = "real-source-packages.tsv";
    /** The General MIDI soundfont train MIDI is rendered with. */
    static final String TRAIN_SOUNDFONT_PACKAGE = "fluid-soundfont-gm";
    /** The General MIDI soundfont dev MIDI is rendered with (derived from Fluid R3, so not independent of it). */
    static final String DEV_SOUNDFONT_PACKAGE = "musescore-general-soundfont-small";

    /** The bundled list, in file order. */
    static List<RealSourcePackage> bundled() {
        try (InputStream in = RealSourcePackage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            List<RealSourcePackage> packages = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new IllegalStateException(RESOURCE + ": expected 4 tab-separated fields in '" + line + "'");
                }
                packages.add(new RealSourcePackage(f[0], f[1], f[2], f[3]));
            }
            return List.copyOf(packages);
        } catch (IOException e) {
            throw new CorpusException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** True for the soundfonts (tools, not sources of audio files). */
    boolean isSoundfont() {
        return name.equals(TRAIN_SOUNDFONT_PACKAGE) || name.equals(DEV_SOUNDFONT_PACKAGE);
    }
}
