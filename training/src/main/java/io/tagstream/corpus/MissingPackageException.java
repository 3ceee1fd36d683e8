package io.tagstream.corpus;

/**
 * A tool or a source directory the corpus needs is not installed. The message names the Debian package that
 * provides it, e.g. {@code "sox not found (ran 'sox'): install the Debian package sox (apt-get install sox)"}.
 */
public final class MissingPackageException extends CorpusException {

    private static final long serialVersionUID = 1L;

    private final String aptPackage;

    /** @param what the missing thing, as the user knows it; @param aptPackage the Debian package providing it */
    public MissingPackageException(String what, String aptPackage) {
        super(what + ": install the Debian package " + aptPackage + " (apt-get install " + aptPackage + ")");
        this.aptPackage = aptPackage;
    }

    /** The Debian package to install. */
    public String aptPackage() {
        return aptPackage;
    }
}
