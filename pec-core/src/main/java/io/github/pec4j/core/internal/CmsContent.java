package io.github.pec4j.core.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the encapsulated content out of a CMS SignedData (RFC 5652) without any crypto: just
 * enough DER/BER to walk ContentInfo, SignedData and EncapsulatedContentInfo, including BER
 * indefinite lengths and constructed OCTET STRINGs. Verification belongs to pec-signature.
 */
final class CmsContent {
    private static final int MAX_NESTING = 16;

    private CmsContent() {}

    /** Thrown when the bytes are not a CMS SignedData with encapsulated content. */
    static final class NotCmsException extends IOException {
        private static final long serialVersionUID = 1L;

        NotCmsException(String message) {
            super(message);
        }
    }

    /** Positions {@code in} at the eContent and returns a stream over its octets. */
    static InputStream open(InputStream in) throws IOException {
        Der der = new Der(in);
        der.expect(0x30, "ContentInfo");
        der.expectOid("1.2.840.113549.1.7.2");
        der.expect(0xA0, "[0] content");
        der.expect(0x30, "SignedData");
        der.skipElement(0x02); // version
        der.skipElement(0x31); // digestAlgorithms
        der.expect(0x30, "EncapsulatedContentInfo");
        der.skipElement(0x06); // eContentType
        int tag = der.readTag();
        if (tag != 0xA0) {
            throw new NotCmsException("SignedData has no encapsulated content (detached signature)");
        }
        der.readLength();
        int octets = der.readTag();
        long len = der.readLength();
        if (octets == 0x04) {
            if (len < 0) {
                throw new NotCmsException("primitive OCTET STRING with indefinite length");
            }
            return new Bounded(in, len);
        }
        if (octets == 0x24) {
            return new Chunked(der, len);
        }
        throw new NotCmsException("eContent is not an OCTET STRING");
    }

    private static final class Der {
        final InputStream in;
        long consumed;

        Der(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("CMS structure cut short");
            }
            consumed++;
            return b;
        }

        int readTag() throws IOException {
            int t = read();
            if ((t & 0x1F) == 0x1F) {
                throw new NotCmsException("high tag numbers are not used by CMS SignedData");
            }
            return t;
        }

        /** Length in bytes, or -1 for indefinite. */
        long readLength() throws IOException {
            int b = read();
            if (b < 0x80) {
                return b;
            }
            if (b == 0x80) {
                return -1;
            }
            int n = b & 0x7F;
            if (n > 7) {
                throw new NotCmsException("length of " + n + " bytes");
            }
            long len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | read();
            }
            return len;
        }

        void expect(int tag, String what) throws IOException {
            int t = readTag();
            if (t != tag) {
                throw new NotCmsException("expected " + what + ", found tag 0x" + Integer.toHexString(t));
            }
            readLength();
        }

        void expectOid(String oid) throws IOException {
            int t = readTag();
            long len = readLength();
            if (t != 0x06 || len < 1 || len > 64) {
                throw new NotCmsException("expected an OID");
            }
            byte[] v = new byte[(int) len];
            for (int i = 0; i < len; i++) {
                v[i] = (byte) read();
            }
            String found = oidString(v);
            if (!found.equals(oid)) {
                throw new NotCmsException("content type " + found + " is not signedData");
            }
        }

        void skipElement(int expectedTag) throws IOException {
            int t = readTag();
            if (t != expectedTag) {
                throw new NotCmsException("unexpected tag 0x" + Integer.toHexString(t));
            }
            skipValue(t, readLength(), 0);
        }

        private void skipValue(int tag, long len, int nesting) throws IOException {
            if (nesting > MAX_NESTING) {
                throw new NotCmsException("BER nesting too deep");
            }
            if (len >= 0) {
                for (long i = 0; i < len; i++) {
                    read();
                }
                return;
            }
            if ((tag & 0x20) == 0) {
                throw new NotCmsException("indefinite length on a primitive element");
            }
            while (true) {
                int t = readTag();
                long l = readLength();
                if (t == 0 && l == 0) {
                    return;
                }
                skipValue(t, l, nesting + 1);
            }
        }
    }

    static String oidString(byte[] v) {
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : v) {
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (first) {
                    int a = (int) Math.min(2, value / 40);
                    sb.append(a).append('.').append(value - a * 40L);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            }
        }
        return sb.toString();
    }

    /** Single-byte reads in terms of block reads. */
    private abstract static class OctetStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** A primitive OCTET STRING of known length. */
    private static final class Bounded extends OctetStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("CMS content cut short");
            }
            left -= n;
            return n;
        }
    }

    /** A constructed OCTET STRING: primitive chunks, definite or indefinite outer length. */
    private static final class Chunked extends OctetStream {
        private final Der der;
        private final long outerEnd; // -1 when indefinite
        private long chunkLeft;
        private boolean done;

        Chunked(Der der, long outerLength) {
            this.der = der;
            this.outerEnd = outerLength < 0 ? -1 : der.consumed + outerLength;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (chunkLeft == 0) {
                if (done || (outerEnd >= 0 && der.consumed >= outerEnd)) {
                    done = true;
                    return -1;
                }
                int t = der.readTag();
                long l = der.readLength();
                if (t == 0 && l == 0) {
                    done = true;
                    return -1;
                }
                if (t != 0x04 || l < 0) {
                    throw new NotCmsException("nested constructed OCTET STRING chunks are not supported");
                }
                chunkLeft = l;
            }
            int n = der.in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("CMS content cut short");
            }
            der.consumed += n;
            chunkLeft -= n;
            return n;
        }
    }
}
