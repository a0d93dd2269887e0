package io.github.pec4j.receipts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalisation of the identifiers and addresses receipts are matched on. */
final class Keys {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;\"()]+@[^\\s<>,;\"()]+");

    private Keys() {}

    /** A Message-ID without angle brackets and surrounding space. */
    static String bare(String id) {
        String s = id.trim();
        if (s.startsWith("<") && s.endsWith(">")) s = s.substring(1, s.length() - 1).trim();
        return s;
    }

    /** A mailbox, lower-cased (PEC addresses are compared ignoring case). */
    static String address(String address) {
        String s = address.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) s = s.substring(lt + 1, gt);
        return s.trim().toLowerCase(Locale.ROOT);
    }

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
    private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");

    /**
     * The addresses in an address-list header value (RFC 5322): display names and comments are
     * dropped first, so an address written inside them never becomes a recipient.
     */
    static List<String> addresses(String header) {
        String s = QUOTED.matcher(header).replaceAll(" ");
        for (String before = ""; !before.equals(s); ) {
            before = s;
            s = COMMENT.matcher(s).replaceAll(" ");
        }
        List<String> out = new ArrayList<>();
        for (String mailbox : s.split(",")) {
            Matcher angle = ANGLE.matcher(mailbox);
            String candidate = angle.find() ? angle.group(1) : mailbox;
            Matcher m = ADDRESS.matcher(candidate);
            if (m.find()) out.add(address(m.group()));
        }
        return out;
    }
}
