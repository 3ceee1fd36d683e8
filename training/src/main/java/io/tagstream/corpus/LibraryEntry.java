package io.tagstream.corpus;

/**
 * One row of the source library's {@code sources.tsv}: one audio file of a fetched package and what became of it.
 *
 * @param pkg       the Debian package
 * @param path      the file's path inside the package (container members under {@code unpacked/CONTAINER/})
 * @param decision  speech, music, noise or excluded
 * @param split     train or dev; "-" when excluded
 * @param sourceId  what dev and train are disjoint by ("ktuberling-data:it"); "-" when excluded
 * @param seconds   length of the recording after trimming; 0 when excluded
 * @param rate      sample rate of the source (8000 for telephone prompts, the render rate for MIDI and modules); 0
 *                  when excluded
 * @param reason    why
 * @param recording the 16 kHz mono WAV, relative to the library directory; "-" when excluded (the parts of one
 *                  track share one recording)
 */
public record LibraryEntry(String pkg, String path, String decision, String split, String sourceId, double seconds,
        int rate, String reason, String recording) {

    static final String HEADER = "package\tpath\tclass\tsplit\tsource\tseconds\trate\treason\trecording";

    /** True when the file is in the library (not excluded). */
    public boolean kept() {
        return !decision.equals("excluded");
    }

    String toTsv() {
        return String.join("\t", pkg, path, decision, split, sourceId,
                String.format(java.util.Locale.ROOT, "%.3f", seconds), Integer.toString(rate), reason, recording);
    }

    static LibraryEntry fromTsv(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("expected 9 tab-separated fields, got " + f.length);
        }
        return new LibraryEntry(f[0], f[1], f[2], f[3], f[4], Double.parseDouble(f[5]), Integer.parseInt(f[6]), f[7],
                f[8]);
    }
}
