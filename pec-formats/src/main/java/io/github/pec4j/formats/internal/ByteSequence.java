package io.github.pec4j.formats.internal;

/**
 * A regex that is only a fixed sequence of ASCII literals and plain classes ({@code [\r\n]}, {@code [1-4]}),
 * as a set of allowed bytes per position: it matches exactly where {@code java.util.regex} would, without
 * a matcher run from every offset of an 8 KB range (Illustrator's {@code [\r\n]%AI5_FileFormat [1-4][\r\n]}).
 */
final class ByteSequence {
    private static final String SPECIAL = "\\^$.|?*+()[]{}";

    private final boolean[][] seq;
    private final int anchor;
    private final int only;

    private ByteSequence(boolean[][] seq) {
        this.seq = seq;
        this.anchor = anchor(seq);
        this.only = only(seq[anchor]);
    }

    int length() {
        return seq.length;
    }

    /** The regex as allowed bytes per position, or null when it uses anything else. */
    static ByteSequence parse(String regex) {
        java.util.List<boolean[]> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c >= 0x80) {
                return null;
            } else if (c == '[') {
                int close = regex.indexOf(']', i + 1);
                boolean[] set = close < 0 ? null : set(regex.substring(i + 1, close));
                if (set == null) {
                    return null;
                }
                out.add(set);
                i = close + 1;
            } else if (SPECIAL.indexOf(c) >= 0) {
                return null;
            } else {
                boolean[] one = new boolean[256];
                one[c] = true;
                out.add(one);
                i++;
            }
        }
        return out.isEmpty() ? null : new ByteSequence(out.toArray(new boolean[0][]));
    }

    /** A class body of plain ASCII characters and ranges {@code a-z}; no negation, escapes or intersections. */
    private static boolean[] set(String body) {
        if (body.isEmpty()) {
            return null;
        }
        boolean[] set = new boolean[256];
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c >= 0x80 || "\\^&[]-".indexOf(c) >= 0) {
                return null;
            }
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                char to = body.charAt(i + 2);
                if (to >= 0x80 || to < c || "\\^&[]-".indexOf(to) >= 0) {
                    return null;
                }
                for (char x = c; x <= to; x++) {
                    set[x] = true;
                }
                i += 3;
            } else {
                set[c] = true;
                i++;
            }
        }
        return set;
    }

    /** A match starting at an offset in {@code begin..end}; bytes past the head's end read as zero. */
    boolean find(byte[] head, int begin, int end) {
        for (int p = begin; p <= end; p++) {
            int k = p + anchor;
            if ((only < 0 || (k < head.length ? head[k] & 0xff : 0) == only) && at(head, p)) {
                return true;
            }
        }
        return false;
    }

    /** The first position that allows a single byte (scanned for first), else 0. */
    private static int anchor(boolean[][] seq) {
        for (int j = 0; j < seq.length; j++) {
            if (only(seq[j]) >= 0) {
                return j;
            }
        }
        return 0;
    }

    /** The one byte a position allows, or -1. */
    private static int only(boolean[] set) {
        int found = -1;
        for (int b = 0; b < set.length; b++) {
            if (set[b]) {
                if (found >= 0) {
                    return -1;
                }
                found = b;
            }
        }
        return found;
    }

    private boolean at(byte[] head, int p) {
        for (int j = 0; j < seq.length; j++) {
            int k = p + j;
            if (!seq[j][k < head.length ? head[k] & 0xff : 0]) {
                return false;
            }
        }
        return true;
    }

    /** False only when the known bytes of {@code prefix} rule out every offset of the range. */
    boolean compatible(byte[] prefix, int begin, int end) {
        for (int p = begin; p <= end; p++) {
            boolean ok = true;
            for (int j = 0; ok && j < seq.length && p + j < prefix.length; j++) {
                ok = seq[j][prefix[p + j] & 0xff];
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }
}
