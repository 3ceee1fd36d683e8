package io.tagstream.corpus;

import java.nio.file.Path;

/**
 * A recording of the source library as synth uses it.
 *
 * @param file     the 16 kHz mono WAV
 * @param sourceId what dev and train are disjoint by ("ktuberling-data:it")
 * @param seconds  its length
 * @param rate     the sample rate of the original (8000: a telephone-band recording)
 */
record RealRecording(Path file, String sourceId, double seconds, int rate) {

    /** Prefix of the manifest ids of library sources: "real:ktuberling-data:it". */
    static final String ID_PREFIX = "real:";

    /** The manifest id: "real:" + source id. */
    String manifestId() {
        return ID_PREFIX + sourceId;
    }

    /** True for a recording of the asterisk prompt packages (see {@link #isTelephoneBand(String)}). */
    boolean telephoneBand() {
        return isTelephoneBand(manifestId());
    }

    /**
     * True when a manifest id names a library source of the asterisk prompt packages, 8 kHz recordings with nothing
     * above about 3.8 kHz (a few other files are 8 kHz too; treating them as wideband only narrows them once more).
     */
    static boolean isTelephoneBand(String manifestId) {
        return manifestId.startsWith(ID_PREFIX + "asterisk-");
    }
}
