package io.github.pec4j.core.internal;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File-system-safe names for attachments: never a path, never a reserved device name, never empty,
 * unique within one message, at most {@value #MAX_LENGTH} characters with the extension kept.
 */
public final class SafeNames {
    static final int MAX_LENGTH = 120;
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Set<String> used = new HashSet<>();
    private int counter;

    /** True when a name tries to be a path: separators, {@code ..}, an absolute path or a drive letter. */
    public static boolean isPathLike(String name) {
        return name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || DRIVE.matcher(name).matches() || name.equals("..");
    }

    /** True when a name holds control characters or begins or ends with white space. */
    public static boolean isOdd(String name) {
        if (!name.isEmpty() && (Character.isWhitespace(name.charAt(0)) || Character.isWhitespace(name.charAt(name.length() - 1)))) {
            return true;
        }
        return name.codePoints().anyMatch(cp -> cp < 0x20 || cp == 0x7F);
    }

    /** A safe, unique name for {@code name} (which may be empty). */
    String safe(String name) {
        // Control characters and white space at either end are dropped, not replaced: "a.exe\0 " is "a.exe".
        String s = stripEnds(Normalizer.normalize(name, Normalizer.Form.NFC));
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        if (cut >= 0) {
            s = s.substring(cut + 1);
        }
        if (DRIVE.matcher(s).matches()) {
            s = s.substring(2);
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || "<>:\"/\\|?*".indexOf(cp) >= 0 || Character.getType(cp) == Character.FORMAT) {
                sb.append('_');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        s = sb.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        while (s.endsWith(".") || s.endsWith(" ")) {
            s = s.substring(0, s.length() - 1);
        }
        if (RESERVED.matcher(s).matches()) {
            s = "_" + s;
        }
        if (s.isEmpty()) {
            s = "attachment-" + (++counter);
        }
        s = shorten(s, MAX_LENGTH);
        String candidate = s;
        int n = 2;
        while (!used.add(candidate.toLowerCase(Locale.ROOT))) {
            int dot = s.lastIndexOf('.');
            candidate = dot > 0 ? s.substring(0, dot) + "-" + n + s.substring(dot) : s + "-" + n;
            n++;
        }
        return candidate;
    }

    private static String stripEnds(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) <= 0x20 || s.charAt(from) == 0x7F || Character.isWhitespace(s.charAt(from)))) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) <= 0x20 || s.charAt(to - 1) == 0x7F || Character.isWhitespace(s.charAt(to - 1)))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 12 ? s.substring(dot) : "";
        String stem = s.substring(0, s.length() - ext.length());
        int keep = Math.max(1, max - ext.length());
        int end = stem.offsetByCodePoints(0, Math.min(keep, stem.codePointCount(0, stem.length())));
        return stem.substring(0, end) + ext;
    }
}
