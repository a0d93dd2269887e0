package io.github.pec4j.core.internal;

import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.ParseCode;
import io.github.pec4j.core.Headers;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.ParserLimits;
import io.github.pec4j.core.content.ContentSink;
import io.github.pec4j.core.content.ContentStore;
import io.github.pec4j.core.content.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A one-pass, streaming MIME parser. It reads each byte once, records the exact offsets of every
 * entity, decodes leaf content block by block straight into its destination (hashing spool, bounded
 * text buffer, or nowhere) and keeps nothing else in memory. Limits turn hostile structure into
 * diagnostics: depth and part count are bounded, so recursion is bounded too.
 */
final class MimeParser {
    static final int MAX_SIGNATURE_BYTES = 1024 * 1024;
    private static final int MAX_BOUNDARY_LENGTH = 200;
    /** Encoded words in one header section above which a cut section is reported as a flood. */
    static final int ENCODED_WORD_FLOOD = 1_000;

    private final MimeInput in;
    private final ParserLimits limits;
    private final DiagnosticList diagnostics;
    private final ContentStore store;
    final List<StoredContent> spooled = new ArrayList<>();

    private byte[][] boundaries = new byte[8][];
    private int boundaryCount;
    private int partCount;
    // The terminator of the body just read: which boundary (or -1 for end of input), whether it was
    // a close delimiter, and where the content before it ended.
    private boolean termClose;
    private long termContentEnd;
    private boolean truncationReported;
    // One-pass digest of the signed content (the first part of a top-level multipart/signed).
    private final boolean digestSignedContent;
    private int tapLevel = -1;
    String signedDigestAlgorithm;
    byte[] signedDigest;

    MimeParser(InputStream input, OutputStream tee, ParserLimits limits, DiagnosticList diagnostics, ContentStore store,
            long sizeHint) {
        this(input, tee, limits, diagnostics, store, sizeHint, false);
    }

    /**
     * @param digestSignedContent when true, the content of a top-level multipart/signed is digested
     *     (CRLF-canonical) while it is read, with the algorithm its {@code micalg} names
     */
    MimeParser(InputStream input, OutputStream tee, ParserLimits limits, DiagnosticList diagnostics, ContentStore store,
            long sizeHint, boolean digestSignedContent) {
        this.digestSignedContent = digestSignedContent;
        this.in = new MimeInput(input, tee, limits.maxMessageBytes(), sizeHint);
        this.limits = limits;
        this.diagnostics = diagnostics;
        this.store = store;
    }

    /** Parses a whole message; returns its root entity. */
    MimeNode parse() throws IOException {
        MimeNode root = new MimeNode("/", false);
        partCount = 1;
        parseEntity(root, 0);
        if (in.limitHit()) {
            diagnostics.add(ParseCode.MESSAGE_TOO_LARGE, Location.offset("/", limits.maxMessageBytes()),
                    "message larger than " + limits.maxMessageBytes() + " bytes; the rest was not read");
            root.gap(GapKind.MESSAGE_BYTES, "message larger than maxMessageBytes " + limits.maxMessageBytes()
                    + "; the rest was not read");
        }
        return root;
    }

    /** Reads the rest of the input (so a stream is fully spooled) after parsing. */
    void drain() throws IOException {
        in.drain();
    }

    private int parseEntity(MimeNode node, int depth) throws IOException {
        node.start = in.position();
        readHeaders(node);
        node.bodyStart = in.position();
        if (node.isMultipart()) {
            Optional<String> boundary = node.contentType.param("boundary");
            if (boundary.isEmpty() || boundary.get().isEmpty() || boundary.get().length() > MAX_BOUNDARY_LENGTH) {
                diagnostics.add(ParseCode.MIME_BOUNDARY_MISSING, Location.header(node.path, "Content-Type"),
                        "multipart without a usable boundary parameter; read as one opaque part");
                node.opaque = true;
                node.gap(GapKind.PART_UNREADABLE, "multipart without a usable boundary; its parts were not parsed");
                return readLeaf(node, false);
            }
            if (depth >= limits.maxMimeDepth()) {
                reportDepth(node);
                return readLeaf(node, true);
            }
            return parseMultipart(node, depth, boundary.get().getBytes(StandardCharsets.ISO_8859_1));
        }
        if (node.isMessage() && isIdentityEncoding(node.transferEncoding)) {
            if (depth >= limits.maxMimeDepth()) {
                reportDepth(node);
                return readLeaf(node, true);
            }
            MimeNode inner = new MimeNode(node.path.equals("/") ? "/msg" : node.path + "/msg", true);
            node.embedded = inner;
            int t = parseEntity(inner, depth + 1);
            node.end = inner.end;
            return t;
        }
        return readLeaf(node, false);
    }

    private void reportDepth(MimeNode node) {
        node.opaque = true;
        node.gap(GapKind.MIME_DEPTH, "nested deeper than maxMimeDepth " + limits.maxMimeDepth() + "; not parsed");
        diagnostics.once(ParseCode.MIME_DEPTH_EXCEEDED, Location.part(node.path),
                "MIME nesting deeper than " + limits.maxMimeDepth() + " levels; the deeper content was not parsed");
    }

    private int parseMultipart(MimeNode node, int depth, byte[] boundary) throws IOException {
        push(boundary);
        int mine = boundaryCount - 1;
        int t = readBody(Decoder.SKIP); // preamble
        if (t == mine && digestSignedContent && node.path.equals("/") && node.mediaType().equals("multipart/signed")) {
            startTap(mine, micalgToJdk(node.contentType.param("micalg").orElse("")));
        }
        if (t != mine) {
            pop();
            unterminated(node, t);
            node.end = termContentEnd;
            return t;
        }
        boolean close = termClose;
        int index = 0;
        while (!close) {
            if (partCount >= limits.maxParts()) {
                diagnostics.once(ParseCode.MIME_PART_LIMIT_EXCEEDED, Location.part(node.path),
                        "more than " + limits.maxParts() + " MIME parts; the rest was not parsed");
                node.gap(GapKind.PART_COUNT, "more than maxParts " + limits.maxParts() + " MIME parts; the rest was skipped");
                do {
                    t = readBody(Decoder.SKIP);
                } while (t == mine && !termClose);
                if (t != mine) {
                    pop();
                    unterminated(node, t);
                    node.end = termContentEnd;
                    return t;
                }
                break;
            }
            partCount++;
            index++;
            MimeNode child = new MimeNode(node.path.equals("/") ? "/" + index : node.path + "/" + index, node.inEmbedded);
            node.children.add(child);
            t = parseEntity(child, depth + 1);
            if (t != mine) {
                pop();
                unterminated(node, t);
                node.end = termContentEnd;
                return t;
            }
            close = termClose;
        }
        pop();
        t = readBody(Decoder.SKIP); // epilogue
        node.end = termContentEnd;
        return t;
    }

    /** The JDK name of a {@code micalg} value (RFC 3851/5751 spellings and common variants); SHA-256 when unknown. */
    static String micalgToJdk(String micalg) {
        String m = micalg.trim().toLowerCase(Locale.ROOT).replace("\"", "");
        return switch (m) {
            case "sha1", "sha-1" -> "SHA-1";
            case "sha-224", "sha224" -> "SHA-224";
            case "sha-384", "sha384" -> "SHA-384";
            case "sha-512", "sha512" -> "SHA-512";
            case "md5" -> "MD5";
            default -> "SHA-256";
        };
    }

    private void startTap(int level, String algorithm) {
        try {
            in.tap = new ContentTap(java.security.MessageDigest.getInstance(algorithm));
            signedDigestAlgorithm = algorithm;
            tapLevel = level;
        } catch (java.security.NoSuchAlgorithmException e) {
            // an algorithm the JDK lacks: the signature check re-reads the range instead
        }
    }

    /** Ends the signed-content digest when the boundary closing it (or an enclosing one) is reached. */
    private void stopTap(int boundaryLevel) {
        if (in.tap != null && boundaryLevel <= tapLevel) {
            signedDigest = in.tap.finish();
            in.tap = null;
            tapLevel = -1;
        }
    }

    private void unterminated(MimeNode node, int terminator) {
        if (terminator < 0) {
            node.gap(GapKind.PART_TRUNCATED, "input ended before the closing boundary of " + node.path);
            if (!truncationReported) {
                truncationReported = true;
                diagnostics.add(ParseCode.MESSAGE_TRUNCATED, Location.offset(node.path, in.position()),
                        "input ended inside multipart " + node.path + " (closing boundary missing)");
            }
        } else {
            diagnostics.add(ParseCode.MIME_MULTIPART_UNTERMINATED, Location.part(node.path),
                    "multipart " + node.path + " ended by an enclosing boundary, without its own closing boundary");
        }
    }

    private void push(byte[] boundary) {
        if (boundaryCount == boundaries.length) {
            boundaries = Arrays.copyOf(boundaries, boundaries.length * 2);
        }
        boundaries[boundaryCount++] = boundary;
    }

    private void pop() {
        boundaries[--boundaryCount] = null;
    }

    // ------------------------------------------------------------------ headers

    private void readHeaders(MimeNode node) throws IOException {
        List<Headers.Field> fields = new ArrayList<>();
        byte[] buf = in.buf;
        String name = null;
        StringBuilder value = null;
        int bytes = 0;
        boolean overflow = false;
        boolean first = true;
        boolean[] raw8bit = new boolean[1];
        int encodedWords = 0;
        while (true) {
            int e = in.lineEnd();
            if (e < 0) {
                break;
            }
            int p = in.pos;
            boolean complete = buf[e - 1] == '\n' || e - p < buf.length; // else: longer than the buffer
            int contentLen = e - p - (buf[e - 1] == '\n' ? (e - 2 >= p && buf[e - 2] == '\r' ? 2 : 1) : 0);
            if (complete && contentLen == 0) {
                in.consumeTo(e);
                break;
            }
            if (boundaryCount > 0 && matchBoundary(p, e) >= 0) {
                break; // a part without a blank line after its headers: leave the boundary to the body
            }
            bytes += e - p;
            encodedWords += countEncodedWords(buf, p, e);
            if (!overflow && (!complete || bytes > limits.maxHeaderBytes() || fields.size() + (name != null && !(buf[p] == ' ' || buf[p] == '\t') ? 1 : 0) >= limits.maxHeaderFields())) {
                overflow = true;
                diagnostics.add(ParseCode.HEADER_LIMIT_EXCEEDED, Location.offset(node.path, in.offsetOf(p)),
                        "header section larger than " + limits.maxHeaderBytes() + " bytes or "
                                + limits.maxHeaderFields() + " fields; the rest of it was skipped");
                headerGap(node, !complete || bytes > limits.maxHeaderBytes(), encodedWords);
            }
            if (overflow) {
                in.consumeTo(e);
                first = false;
                continue;
            }
            byte b0 = buf[p];
            if ((b0 == ' ' || b0 == '\t') && name != null) {
                value.append(HeaderCodec.text(buf, p, contentLen, raw8bit));
            } else {
                if (name != null) {
                    fields.add(new Headers.Field(name, value.toString()));
                    name = null;
                }
                int colon = -1;
                for (int i = p; i < p + contentLen; i++) {
                    if (buf[i] == ':') {
                        colon = i;
                        break;
                    }
                }
                String candidate = colon > p ? new String(buf, p, colon - p, StandardCharsets.ISO_8859_1).strip() : "";
                if (!candidate.isEmpty() && validFieldName(candidate)) {
                    name = candidate;
                    value = new StringBuilder(HeaderCodec.text(buf, colon + 1, p + contentLen - colon - 1, raw8bit));
                } else if (!(first && node.path.equals("/") && startsWith(buf, p, e, "From "))) {
                    diagnostics.add(ParseCode.HEADER_MALFORMED, Location.offset(node.path, in.offsetOf(p)),
                            "header line without a field name; ignored");
                }
            }
            first = false;
            in.consumeTo(e);
        }
        if (name != null) {
            fields.add(new Headers.Field(name, value.toString()));
        }
        if (raw8bit[0]) {
            diagnostics.once(ParseCode.HEADER_RAW_8BIT, Location.part(node.path),
                    "header with raw 8-bit bytes that are not UTF-8; read as Windows-1252");
        }
        node.headers = new Headers(fields);
        node.headers.first("Content-Type").ifPresent(v -> node.contentType = HeaderCodec.structured(v));
        if (node.contentType.value().isEmpty() || node.contentType.value().indexOf('/') < 0) {
            node.contentType = MimeNode.TEXT_PLAIN;
        }
        node.headers.first("Content-Disposition").ifPresent(v -> node.disposition = HeaderCodec.structured(v));
        node.headers.first("Content-Transfer-Encoding")
                .ifPresent(v -> node.transferEncoding = v.trim().toLowerCase(Locale.ROOT));
    }

    /** Records a cut header section: what it hid (its Content-Type, its file name) is unknown. */
    private void headerGap(MimeNode node, boolean bytes, int encodedWords) {
        if (encodedWords > ENCODED_WORD_FLOOD) {
            node.gap(GapKind.ENCODED_WORDS, "header section cut after " + encodedWords + " encoded words (flood above "
                    + ENCODED_WORD_FLOOD + "); the rest of it was skipped");
        } else if (bytes) {
            node.gap(GapKind.HEADER_BYTES, "header section larger than maxHeaderBytes " + limits.maxHeaderBytes()
                    + "; the rest of it was skipped");
        } else {
            node.gap(GapKind.HEADER_FIELDS, "header section with more than maxHeaderFields " + limits.maxHeaderFields()
                    + " fields; the rest of it was skipped");
        }
    }

    private static int countEncodedWords(byte[] buf, int from, int to) {
        int n = 0;
        for (int i = from; i + 1 < to; i++) {
            if (buf[i] == '=' && buf[i + 1] == '?') {
                n++;
            }
        }
        return n;
    }

    private static boolean validFieldName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] buf, int p, int e, String prefix) {
        if (e - p < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[p + i] != prefix.charAt(i)) return false;
        }
        return true;
    }

    static boolean isIdentityEncoding(String cte) {
        return cte.equals("7bit") || cte.equals("8bit") || cte.equals("binary") || cte.isEmpty();
    }

    // ------------------------------------------------------------------ bodies

    /** Returns the stack index of the boundary the line {@code buf[from, to)} is, or -1. */
    private int matchBoundary(int from, int to) {
        byte[] buf = in.buf;
        if (to - from < 3 || buf[from] != '-' || buf[from + 1] != '-') {
            return -1;
        }
        for (int k = boundaryCount - 1; k >= 0; k--) {
            byte[] b = boundaries[k];
            int end = from + 2 + b.length;
            if (end > to || !Arrays.equals(buf, from + 2, end, b, 0, b.length)) {
                continue;
            }
            int i = end;
            boolean close = false;
            if (i + 1 < to && buf[i] == '-' && buf[i + 1] == '-') {
                close = true;
                i += 2;
            }
            boolean blank = true;
            for (; i < to; i++) {
                byte c = buf[i];
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    blank = false;
                    break;
                }
            }
            if (blank) {
                termClose = close;
                return k;
            }
        }
        return -1;
    }

    /**
     * Streams a body line by line into {@code decoder} until a boundary on the stack or the end of
     * input. The line break before a boundary belongs to the boundary (RFC 2046), so each line break
     * is handed on only once the next line is known not to be a boundary.
     */
    private int readBody(Decoder decoder) throws IOException {
        byte[] buf = in.buf;
        long pendingEol = -1;
        boolean pendingCrlf = false;
        boolean atLineStart = true;
        while (true) {
            int e = in.lineEnd();
            if (e < 0) {
                if (pendingEol >= 0) {
                    decoder.eol(pendingCrlf);
                }
                termContentEnd = in.position();
                decoder.finish();
                return -1;
            }
            int p = in.pos;
            if (atLineStart && boundaryCount > 0) {
                int k = matchBoundary(p, e);
                if (k >= 0) {
                    termContentEnd = pendingEol >= 0 ? pendingEol : in.position();
                    stopTap(k);
                    in.consumeTo(e);
                    decoder.finish();
                    return k;
                }
            }
            if (pendingEol >= 0) {
                decoder.eol(pendingCrlf);
                pendingEol = -1;
            }
            int eolLen = 0;
            if (buf[e - 1] == '\n') {
                eolLen = e - 2 >= p && buf[e - 2] == '\r' ? 2 : 1;
            }
            decoder.line(buf, p, e - p - eolLen);
            if (eolLen > 0) {
                pendingEol = in.offsetOf(e - eolLen);
                pendingCrlf = eolLen == 2;
                atLineStart = true;
            } else {
                atLineStart = false;
            }
            in.consumeTo(e);
        }
    }

    private int readLeaf(MimeNode node, boolean skip) throws IOException {
        if (skip) {
            node.capture = MimeNode.Capture.SKIPPED;
            int t = readBody(Decoder.SKIP);
            node.end = termContentEnd;
            return t;
        }
        String type = node.mediaType();
        Optional<String> fileName = node.fileName();
        boolean attachmentLike = node.isAttachmentDisposition() || fileName.isPresent();
        Output out;
        PipelinedOutput spool = null;
        CaptureOutput capture = null;
        if (!node.inEmbedded && (type.equals("application/xml") || type.equals("text/xml"))
                && fileName.filter(n -> n.equalsIgnoreCase("daticert.xml")).isPresent()) {
            node.capture = MimeNode.Capture.XML;
            out = capture = new CaptureOutput(limits.maxXmlBytes());
        } else if (!node.inEmbedded && type.endsWith("pkcs7-signature")) {
            node.capture = MimeNode.Capture.SIGNATURE;
            out = capture = new CaptureOutput(MAX_SIGNATURE_BYTES);
        } else if (type.startsWith("text/") && !attachmentLike && !node.opaque) {
            node.capture = MimeNode.Capture.TEXT;
            out = capture = new CaptureOutput(limits.maxTextBytes());
        } else {
            node.capture = MimeNode.Capture.SPOOLED;
            out = spool = new PipelinedOutput(store.newSink(-1));
        }
        Decoder decoder = switch (node.transferEncoding) {
            case "base64" -> new Base64Decoder(out);
            case "quoted-printable" -> new QuotedPrintableDecoder(out);
            default -> new IdentityDecoder(out);
        };
        if (!isIdentityEncoding(node.transferEncoding) && !(decoder instanceof Base64Decoder)
                && !(decoder instanceof QuotedPrintableDecoder)) {
            diagnostics.add(ParseCode.MIME_ENCODING_UNKNOWN, Location.header(node.path, "Content-Transfer-Encoding"),
                    "unknown transfer encoding '" + node.transferEncoding + "'; content kept as is");
            node.gap(GapKind.PART_UNREADABLE, "unknown transfer encoding; the content was not decoded");
        }
        int t;
        try {
            t = readBody(decoder);
        } catch (IOException | RuntimeException e) {
            if (spool != null) {
                spool.abort();
            }
            throw e;
        }
        node.end = termContentEnd;
        if (t < 0 && (boundaryCount > 0 || in.limitHit())) {
            node.gap(GapKind.PART_TRUNCATED, in.limitHit() ? "cut at maxMessageBytes " + limits.maxMessageBytes()
                    : "input ended inside this part, before its closing boundary");
        }
        if (decoder.invalid()) {
            boolean b64 = decoder instanceof Base64Decoder;
            if (b64) {
                node.gap(GapKind.PART_UNREADABLE, "invalid base64 (characters outside the alphabet, bad padding or a cut group)");
            }
            diagnostics.add(b64 ? ParseCode.MIME_BASE64_INVALID : ParseCode.MIME_QP_INVALID,
                    Location.part(node.path), b64
                            ? "base64 content with characters outside the alphabet, bad padding or a cut group; decoded leniently"
                            : "quoted-printable content with an invalid escape; kept literally");
        }
        if (spool != null) {
            node.stored = spool.complete();
            node.decodedSize = node.stored.size();
            spooled.add(node.stored);
        } else {
            node.captured = capture.toByteArray();
            node.capturedOverflow = capture.overflow;
            node.decodedSize = capture.total;
        }
        return t;
    }

    // ------------------------------------------------------------------ outputs and decoders

    interface Output {
        void write(byte[] b, int off, int len) throws IOException;
    }


    /** Keeps the first {@code cap} bytes; counts the rest. */
    static final class CaptureOutput implements Output {
        private final int cap;
        private byte[] data = new byte[256];
        private int size;
        long total;
        boolean overflow;

        CaptureOutput(int cap) {
            this.cap = cap;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            total += len;
            int keep = Math.min(len, cap - size);
            if (keep < len) {
                overflow = true;
            }
            if (keep <= 0) {
                return;
            }
            if (size + keep > data.length) {
                data = Arrays.copyOf(data, Math.min(cap, Math.max(size + keep, data.length * 2)));
            }
            System.arraycopy(b, off, data, size, keep);
            size += keep;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(data, size);
        }
    }

    /** Receives a body line by line. */
    abstract static class Decoder {
        static final Decoder SKIP = new Decoder() {
            @Override
            void line(byte[] b, int off, int len) {}

            @Override
            void eol(boolean crlf) {}
        };

        boolean invalid;

        abstract void line(byte[] b, int off, int len) throws IOException;

        abstract void eol(boolean crlf) throws IOException;

        void finish() throws IOException {}

        boolean invalid() {
            return invalid;
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LF = {'\n'};

    static final class IdentityDecoder extends Decoder {
        private final Output out;

        IdentityDecoder(Output out) {
            this.out = out;
        }

        @Override
        void line(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        void eol(boolean crlf) throws IOException {
            out.write(crlf ? CRLF : LF, 0, crlf ? 2 : 1);
        }
    }

    static final class QuotedPrintableDecoder extends Decoder {
        private final Output out;
        private final byte[] tmp = new byte[1024];
        private boolean soft;

        QuotedPrintableDecoder(Output out) {
            this.out = out;
        }

        @Override
        void line(byte[] b, int off, int len) throws IOException {
            int end = off + len;
            while (end > off && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
                end--; // trailing white space is padding (RFC 2045 6.7 rule 3)
            }
            soft = end > off && b[end - 1] == '=';
            if (soft) {
                end--;
            }
            int n = 0;
            for (int i = off; i < end; i++) {
                if (n >= tmp.length - 1) {
                    out.write(tmp, 0, n);
                    n = 0;
                }
                byte c = b[i];
                if (c == '=') {
                    int h1 = i + 1 < end ? HeaderCodec.hex(b[i + 1]) : -1;
                    int h2 = i + 2 < end ? HeaderCodec.hex(b[i + 2]) : -1;
                    if (h1 >= 0 && h2 >= 0) {
                        tmp[n++] = (byte) (h1 * 16 + h2);
                        i += 2;
                        continue;
                    }
                    invalid = true;
                }
                tmp[n++] = c;
            }
            out.write(tmp, 0, n);
        }

        @Override
        void eol(boolean crlf) throws IOException {
            if (!soft) {
                out.write(crlf ? CRLF : LF, 0, crlf ? 2 : 1);
            }
            soft = false;
        }
    }

    /**
     * Base64 in blocks: lines are gathered into a 64 KiB block and decoded with the JDK's intrinsic
     * decoder (a block with stray characters or inner padding falls back to a lenient decoder).
     */
    static final class Base64Decoder extends Decoder {
        private static final int BLOCK = 64 * 1024; // a multiple of 4
        private static final byte[] VALUES = new byte[256];

        static {
            Arrays.fill(VALUES, (byte) -1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.length(); i++) {
                VALUES[alphabet.charAt(i)] = (byte) i;
            }
            VALUES['-'] = 62; // tolerate the URL-safe alphabet
            VALUES['_'] = 63;
        }

        private final Output out;
        // Small parts stay small: the block grows from 4 KiB to 64 KiB as content arrives.
        private byte[] block = new byte[4096];
        private byte[] decoded = new byte[4096 / 4 * 3];
        private int n;
        private int quad;
        private int bits;

        Base64Decoder(Output out) {
            this.out = out;
        }

        @Override
        void line(byte[] b, int off, int len) throws IOException {
            int end = off + len;
            while (end > off && (b[end - 1] == ' ' || b[end - 1] == '\t' || b[end - 1] == '\r')) {
                end--;
            }
            int i = off;
            while (i < end) {
                if (n == block.length && block.length < BLOCK) {
                    block = Arrays.copyOf(block, block.length * 2);
                    decoded = new byte[block.length / 4 * 3];
                }
                int take = Math.min(end - i, block.length - n);
                System.arraycopy(b, i, block, n, take);
                n += take;
                i += take;
                if (n == BLOCK) {
                    decodeBlock(false);
                }
            }
        }

        @Override
        void eol(boolean crlf) {}

        @Override
        void finish() throws IOException {
            decodeBlock(true);
            if (quad != 0) {
                // A cut group: 2 or 3 characters still carry whole bytes; 1 character does not.
                if (quad == 1) {
                    invalid = true;
                } else if (quad == 2) {
                    decoded[0] = (byte) (bits >> 4);
                    out.write(decoded, 0, 1);
                } else {
                    decoded[0] = (byte) (bits >> 10);
                    decoded[1] = (byte) (bits >> 2);
                    out.write(decoded, 0, 2);
                }
                quad = 0;
                bits = 0;
            }
        }

        private void decodeBlock(boolean last) throws IOException {
            if (n == 0) {
                return;
            }
            if (quad == 0 && n == BLOCK) {
                try {
                    int len = java.util.Base64.getDecoder().decode(block, decoded);
                    out.write(decoded, 0, len);
                    n = 0;
                    return;
                } catch (IllegalArgumentException e) {
                    // fall through to the lenient path
                }
            } else if (quad == 0 && last && n % 4 == 0) {
                try {
                    byte[] tail = java.util.Base64.getDecoder().decode(Arrays.copyOf(block, n));
                    out.write(tail, 0, tail.length);
                    n = 0;
                    return;
                } catch (IllegalArgumentException e) {
                    // fall through to the lenient path
                }
            }
            lenient();
        }

        /** Skips characters outside the alphabet; padding ends a group early. */
        private void lenient() throws IOException {
            int w = 0;
            for (int i = 0; i < n; i++) {
                int c = block[i] & 0xFF;
                if (c == '=') {
                    if (quad == 2) {
                        decoded[w++] = (byte) (bits >> 4);
                    } else if (quad == 3) {
                        decoded[w++] = (byte) (bits >> 10);
                        decoded[w++] = (byte) (bits >> 2);
                    } else if (quad == 1) {
                        invalid = true;
                    }
                    quad = 0;
                    bits = 0;
                    continue;
                }
                int v = VALUES[c];
                if (v < 0) {
                    invalid = true;
                    continue;
                }
                bits = (bits << 6) | v;
                if (++quad == 4) {
                    decoded[w++] = (byte) (bits >> 16);
                    decoded[w++] = (byte) (bits >> 8);
                    decoded[w++] = (byte) bits;
                    quad = 0;
                    bits = 0;
                }
            }
            out.write(decoded, 0, w);
            n = 0;
        }
    }
}
