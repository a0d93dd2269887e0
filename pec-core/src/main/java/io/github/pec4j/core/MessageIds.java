package io.github.pec4j.core;

/** Message-ID helpers. */
public final class MessageIds {
    private MessageIds() {}

    /**
     * The comparable form of a Message-ID: trimmed, without surrounding angle brackets. Case is kept
     * (the local part of a Message-ID is case-sensitive).
     *
     * @param id a Message-ID as written in a header or in daticert
     * @return the identifier without surrounding blanks and angle brackets
     */
    public static String normalise(String id) {
        String s = id.trim();
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        if (s.endsWith(">")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.trim();
    }
}
