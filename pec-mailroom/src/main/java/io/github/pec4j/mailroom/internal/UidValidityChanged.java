package io.github.pec4j.mailroom.internal;

import java.io.IOException;

/**
 * The folder's UIDVALIDITY is no longer the one a {@link Mailbox.Ref} was listed under (the folder was
 * re-created or the server renumbered it): the UID may now name another message, so the Ref must not
 * be used. The pipeline lists the folder again (MRM-EXACT-03).
 */
public final class UidValidityChanged extends IOException {
    private static final long serialVersionUID = 1L;
    private final String folder;
    private final long expected;
    private final long actual;

    public UidValidityChanged(String folder, long expected, long actual) {
        super("UIDVALIDITY of " + folder + " changed from " + expected + " to " + actual + ": list it again");
        this.folder = folder;
        this.expected = expected;
        this.actual = actual;
    }

    /** The folder whose UIDVALIDITY changed. */
    public String folder() {
        return folder;
    }

    /** The UIDVALIDITY the Ref was listed under. */
    public long expected() {
        return expected;
    }

    /** The folder's UIDVALIDITY now. */
    public long actual() {
        return actual;
    }
}
