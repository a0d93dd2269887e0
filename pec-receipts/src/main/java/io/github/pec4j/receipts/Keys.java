package io.github.pec4j.receipts;

import io.github.pec4j.core.MessageIds;
import java.util.Locale;

/** Normalisation of the identifiers and addresses receipts are matched on. */
final class Keys {
    private Keys() {}

    /** A Message-ID without angle brackets and surrounding space. */
    static String bare(String id) {
        return MessageIds.normalise(id);
    }

    /** A mailbox, lower-cased (PEC addresses are compared ignoring case); a {@code Name <addr>} form is reduced to the address. */
    static String address(String address) {
        String s = address.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) s = s.substring(lt + 1, gt);
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
