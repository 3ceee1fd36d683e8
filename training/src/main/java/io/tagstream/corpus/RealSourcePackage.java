package io.tagstream.corpus;

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
        return BundledTable.read(RESOURCE, 4).stream()
                .map(row -> new RealSourcePackage(row.fields()[0], row.fields()[1], row.fields()[2], row.fields()[3]))
                .toList();
    }

    /** True for the soundfonts (tools, not sources of audio files). */
    boolean isSoundfont() {
        return name.equals(TRAIN_SOUNDFONT_PACKAGE) || name.equals(DEV_SOUNDFONT_PACKAGE);
    }
}
