package io.github.pec4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an XML document's bytes strictly, in the encoding its BOM or XML declaration names (UTF-8
 * otherwise), before the JDK's StAX reader sees them: that reader prints {@code [Fatal Error]} on
 * stderr for a malformed byte sequence whatever reporter is installed, and a library must print nothing.
 */
final class XmlText {
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]{0,39})[\"']");

    private XmlText() {}

    /**
     * The document as text, without its byte order mark.
     *
     * @throws CharacterCodingException when a byte sequence is not valid in the document's encoding
     * @throws IllegalArgumentException when the declared encoding is unknown to the JVM
     */
    static String decode(byte[] xml) throws CharacterCodingException {
        int bom = bomLength(xml);
        Charset charset = charset(xml, bom);
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(xml, bom, xml.length - bom)).toString();
    }

    private static int bomLength(byte[] b) {
        if (startsWith(b, 0xEF, 0xBB, 0xBF)) return 3;
        return startsWith(b, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE) ? 2 : 0;
    }

    private static Charset charset(byte[] b, int bom) {
        if (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0x00, 0x3C, 0x00, 0x3F)) return StandardCharsets.UTF_16BE;
        if (startsWith(b, 0xFF, 0xFE) || startsWith(b, 0x3C, 0x00, 0x3F, 0x00)) return StandardCharsets.UTF_16LE;
        if (bom == 3) return StandardCharsets.UTF_8;
        return declared(b).map(Charset::forName).orElse(StandardCharsets.UTF_8);
    }

    /** The encoding named in an ASCII-compatible XML declaration, if any. */
    private static Optional<String> declared(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("<?xml")) return Optional.empty();
        int end = head.indexOf("?>");
        Matcher m = ENCODING.matcher(end < 0 ? head : head.substring(0, end));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }
}
