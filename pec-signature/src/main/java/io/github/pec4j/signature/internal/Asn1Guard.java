package io.github.pec4j.signature.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An iterative scan of one DER/BER element before Bouncy Castle parses it. Bouncy Castle's ASN.1
 * readers recurse once per nesting level and trust declared lengths, so untrusted bytes are checked
 * here first, with an explicit stack: nesting within {@link #MAX_DEPTH}, every definite length
 * inside its parent (and the file), indefinite lengths only on constructed elements and closed
 * before their parent ends, at most 8 length octets. Small OCTET and BIT STRINGs whose content is
 * itself a complete element (certificate extensions, TSTInfo, inner layers) are scanned too, each
 * with its own depth budget, at most {@link #MAX_ENCAPSULATION} levels deep.
 */
final class Asn1Guard {
    /** Nesting levels allowed in one element; real CMS with certificates and time-stamps needs about 30. */
    static final int MAX_DEPTH = 64;
    /** Levels of elements encapsulated in OCTET/BIT STRINGs (a p7m layer is one, an extension another). */
    static final int MAX_ENCAPSULATION = 32;
    /** OCTET/BIT STRINGs up to this size are scanned for an encapsulated element. */
    static final int MAX_ENCAPSULATED_BYTES = 1024 * 1024;

    private Asn1Guard() {}

    /** Why the file's first element must not be parsed, or empty when it may. */
    static Optional<String> problem(Path file) throws IOException {
        try (InputStream in = BcDocumentVerifier.reading(file)) {
            return problem(in, Files.size(file));
        }
    }

    /**
     * Why the element at the start of {@code der} must not be parsed, or empty when it may. Scans the array in
     * place (no stream, no copies of encapsulated strings); the same answer as {@link #problem(InputStream, long)}
     * over the same bytes.
     */
    static Optional<String> problem(byte[] der) {
        try {
            Scan s = new Scan(der, 0, der.length, 0);
            s.run();
            return Optional.ofNullable(s.problem);
        } catch (IOException e) {
            return Optional.of("unreadable: " + e.getMessage()); // cannot happen on a byte array
        }
    }

    /** Scans the element at the start of {@code in}, of at most {@code available} bytes. */
    static Optional<String> problem(InputStream in, long available) throws IOException {
        Scan s = new Scan(in, available, 0);
        s.run();
        return Optional.ofNullable(s.problem);
    }

    /** A definite or indefinite constructed element being scanned. */
    private record Frame(long end, long limit) {
        boolean indefinite() {
            return end < 0;
        }
    }

    /**
     * One scan: a byte position, a stack of open constructed elements, the first problem found. It reads either
     * a stream or a range of an array ({@code array} not null: position {@code pos} is at {@code array[from + pos]}).
     */
    private static final class Scan {
        private final @Nullable InputStream in;
        private final byte @Nullable [] array;
        private final int from;
        private final long available;
        private final int encapsulation;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private long pos;
        private String problem;
        private boolean tooDeep;

        Scan(InputStream in, long available, int encapsulation) {
            this.in = in;
            this.array = null;
            this.from = 0;
            this.available = available;
            this.encapsulation = encapsulation;
        }

        Scan(byte[] array, int from, int length, int encapsulation) {
            this.in = null;
            this.array = array;
            this.from = from;
            this.available = length;
            this.encapsulation = encapsulation;
        }

        void run() throws IOException {
            try {
                boolean going = element();
                while (going && closeFinished() && !stack.isEmpty()) {
                    going = element();
                }
            } catch (EOFException e) {
                problem = "truncated at byte " + pos;
            }
        }

        /** Pops definite elements that end here; false (with a problem) when one was overrun. */
        private boolean closeFinished() {
            while (!stack.isEmpty() && !stack.peek().indefinite() && pos >= stack.peek().end()) {
                if (pos > stack.peek().end()) {
                    problem = "an element overruns its parent at byte " + pos;
                    return false;
                }
                stack.pop();
            }
            return true;
        }

        /** Reads one header and either opens it, closes an indefinite element, or skips its content. */
        private boolean element() throws IOException {
            long start = pos;
            int tag = read();
            boolean constructed = (tag & 0x20) != 0;
            if ((tag & 0x1F) == 0x1F && !skipHighTagNumber()) {
                return false;
            }
            long length = length(constructed);
            if (length == -2) {
                return false;
            }
            long limit = stack.isEmpty() ? available : stack.peek().limit();
            if (tag == 0 && length == 0) {
                return endOfContents(start);
            }
            if (length >= 0 && length > limit - pos) {
                problem = "a length of " + length + " at byte " + start + " runs past the end of its parent";
                return false;
            }
            if (constructed) {
                return open(length, limit);
            }
            return primitive(tag, length);
        }

        private boolean endOfContents(long start) {
            if (stack.isEmpty() || !stack.peek().indefinite()) {
                problem = "an end-of-contents marker outside an indefinite-length element at byte " + start;
                return false;
            }
            stack.pop();
            return true;
        }

        private boolean open(long length, long limit) {
            if (stack.size() + 1 > MAX_DEPTH) {
                problem = "nested deeper than " + MAX_DEPTH + " levels at byte " + pos;
                tooDeep = true;
                return false;
            }
            stack.push(length < 0 ? new Frame(-1, limit) : new Frame(pos + length, pos + length));
            return true;
        }

        private boolean primitive(int tag, long length) throws IOException {
            int number = tag & 0x1F;
            boolean encapsulating = (tag & 0xC0) == 0 && (number == 0x04 || number == 0x03);
            if (encapsulating && length > 1 && length <= MAX_ENCAPSULATED_BYTES) {
                int offset = number == 0x03 ? 1 : 0; // a BIT STRING's unused-bits octet
                if (array != null) {
                    int start = from + (int) pos;
                    skip(length);
                    return encapsulated(array[start + offset] & 0xFF, () -> new Scan(array, start + offset, (int) length - offset, encapsulation + 1));
                }
                return encapsulatedInStream(offset, (int) length);
            }
            skip(length);
            return true;
        }

        /**
         * {@link #encapsulated} over the stream: the string is scanned where it is read and never copied, and what
         * the inner scan leaves of it is skipped (a document's content chunks, most of a large {@code .p7m}, are
         * skipped whole after their first byte). A stream that ends inside the string is truncated, as in an array.
         */
        private boolean encapsulatedInStream(int offset, int length) throws IOException {
            Bounded string = new Bounded(in, length);
            string.skipNBytes(offset);
            int first = string.read();
            if (first < 0) {
                throw new EOFException();
            }
            PushbackInputStream rest = new PushbackInputStream(string, 1);
            rest.unread(first);
            if (!encapsulated(first, () -> new Scan(rest, length - offset, encapsulation + 1))) {
                return false;
            }
            string.skipRest(); // EOFException when the content is cut short
            pos += length;
            return true;
        }

        /** A SEQUENCE, SET or context-tagged element may be encapsulated; any other first byte means plain bytes. */
        private static boolean startsElement(int first) {
            return first == 0x30 || first == 0x31 || (first & 0xE0) == 0xA0;
        }

        /**
         * A complete element inside a string is scanned with its own budget; other content is opaque. The inner scan
         * is made only when {@code first}, the string's first content byte, can start an element.
         */
        private boolean encapsulated(int first, Supplier<Scan> scan) throws IOException {
            if (!startsElement(first)) {
                return true; // plain bytes
            }
            if (encapsulation + 1 > MAX_ENCAPSULATION) {
                problem = "elements encapsulated more than " + MAX_ENCAPSULATION + " levels deep";
                tooDeep = true;
                return false;
            }
            Scan inner = scan.get();
            inner.run();
            if (inner.tooDeep) {
                problem = inner.problem + " (inside a string)";
                tooDeep = true;
                return false;
            }
            return true; // malformed inner bytes are only bytes: Bouncy Castle reads them as such
        }

        /** The length, -1 for indefinite, -2 after a problem. */
        private long length(boolean constructed) throws IOException {
            int first = read();
            if (first < 0x80) {
                return first;
            }
            if (first == 0x80) {
                if (!constructed) {
                    problem = "an indefinite length on a primitive element at byte " + pos;
                    return -2;
                }
                return -1;
            }
            int octets = first & 0x7F;
            if (octets > 8 || first == 0xFF) {
                problem = "a length of " + octets + " octets at byte " + pos;
                return -2;
            }
            long length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | read();
            }
            if (length < 0) {
                problem = "a negative length at byte " + pos;
                return -2;
            }
            return length;
        }

        private boolean skipHighTagNumber() throws IOException {
            for (int i = 0; i < 4; i++) {
                if ((read() & 0x80) == 0) {
                    return true;
                }
            }
            problem = "a tag number longer than 4 octets at byte " + pos;
            return false;
        }

        private int read() throws IOException {
            if (array != null) {
                if (pos >= available) {
                    throw new EOFException();
                }
                return array[from + (int) pos++] & 0xFF;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            pos++;
            return b;
        }

        private void skip(long n) throws IOException {
            if (array != null) {
                if (n > available - pos) {
                    throw new EOFException();
                }
            } else {
                in.skipNBytes(n); // EOFException when the content is cut short
            }
            pos += n;
        }
    }

    /**
     * At most {@code remaining} bytes of a stream: one string's content, read by a scan of its own (byte by byte
     * for headers, skipped for contents: InputStream's bulk read over {@link #read()} is enough).
     */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        /** Skips what is left of the string; EOFException when the stream ends first. */
        void skipRest() throws IOException {
            in.skipNBytes(remaining);
            remaining = 0;
        }
    }
}
