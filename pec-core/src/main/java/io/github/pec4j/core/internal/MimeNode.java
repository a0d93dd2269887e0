package io.github.pec4j.core.internal;

import io.github.pec4j.core.ByteRange;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.Headers;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.content.StoredContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One MIME entity as the streaming parser found it. Mutable while parsing, read-only afterwards. */
final class MimeNode {
    /** What the parser did with a leaf's decoded content. */
    enum Capture { NONE, TEXT, XML, SIGNATURE, SPOOLED, SKIPPED }

    /** The defaults, parsed once rather than for every node (a Structured is immutable). */
    static final HeaderCodec.Structured TEXT_PLAIN = HeaderCodec.structured("text/plain");
    static final HeaderCodec.Structured NO_DISPOSITION = HeaderCodec.structured("");

    final String path;
    final boolean inEmbedded;
    Headers headers = Headers.EMPTY;
    HeaderCodec.Structured contentType = TEXT_PLAIN;
    HeaderCodec.Structured disposition = NO_DISPOSITION;
    String transferEncoding = "7bit";
    long start;
    long bodyStart;
    long end;
    final List<MimeNode> children = new ArrayList<>(4);
    MimeNode embedded;
    Capture capture = Capture.NONE;
    StoredContent stored;
    byte[] captured;
    boolean capturedOverflow;
    long decodedSize;
    boolean opaque; // a multipart or message kept as a leaf because of a limit or a missing boundary
    // What of this entity itself was not read (its subtree's gaps sit on the child nodes).
    List<Gap> gaps = List.of();

    /** Records that part of this entity was not read. */
    void gap(GapKind kind, String detail) {
        if (gaps.isEmpty()) {
            gaps = new ArrayList<>(1);
        }
        if (gaps.size() < 8) {
            gaps.add(new Gap(kind, Location.part(path), detail));
        }
    }

    /** Adds the gaps of this entity and of everything inside it to {@code out}, up to {@code max}. */
    void collectGaps(List<Gap> out, int max) {
        for (Gap g : gaps) {
            if (out.size() >= max) return;
            out.add(g);
        }
        for (MimeNode c : children) {
            if (out.size() >= max) return;
            c.collectGaps(out, max);
        }
        if (embedded != null && out.size() < max) {
            embedded.collectGaps(out, max);
        }
    }

    /** True when this entity and everything inside it was read completely. */
    boolean whole() {
        List<Gap> found = new ArrayList<>(1);
        collectGaps(found, 1);
        return found.isEmpty();
    }

    MimeNode(String path, boolean inEmbedded) {
        this.path = path;
        this.inEmbedded = inEmbedded;
    }

    String mediaType() {
        String v = contentType.value();
        return v.isEmpty() ? "text/plain" : v;
    }

    boolean isMultipart() {
        return mediaType().startsWith("multipart/");
    }

    boolean isMessage() {
        String t = mediaType();
        return t.equals("message/rfc822") || t.equals("message/global");
    }

    /** The decoded file name from Content-Disposition filename or Content-Type name, trimmed (for matching). */
    Optional<String> fileName() {
        Optional<String> n = disposition.param("filename").or(() -> contentType.param("name"));
        return n.map(HeaderCodec::fileName).filter(s -> !s.isEmpty());
    }

    /** The decoded file name exactly as sent (NFC), white space and control characters kept. */
    Optional<String> sentFileName() {
        Optional<String> n = disposition.param("filename").or(() -> contentType.param("name"));
        return n.map(HeaderCodec::sentFileName).filter(s -> !s.trim().isEmpty());
    }

    boolean isAttachmentDisposition() {
        return disposition.value().equals("attachment");
    }

    boolean isInline() {
        return disposition.value().equals("inline");
    }

    ByteRange bodyRange() {
        return new ByteRange(bodyStart, Math.max(bodyStart, end));
    }

    ByteRange range() {
        return new ByteRange(start, Math.max(start, end));
    }

    String charsetName() {
        return contentType.param("charset").orElse("us-ascii").toLowerCase(Locale.ROOT);
    }
}
