package io.tagstream.corpus;

/** The two parts of a corpus. Their sources are disjoint: dev measures generalisation to unseen sources. */
public enum Split {
    TRAIN("train"),
    DEV("dev");

    private final String dirName;

    Split(String dirName) {
        this.dirName = dirName;
    }

    /** Sub-directory of the corpus holding this split's clips, and its key in the manifest. */
    public String dirName() {
        return dirName;
    }
}
