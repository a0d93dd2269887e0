package io.github.pec4j.signature.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The certificates of a DER-framed ContentInfo/SignedData cut out of it, so that Bouncy Castle parses only the
 * rest (versions, algorithms, content, CRLs, signer infos) when every certificate is one it already decoded.
 * A provider signs every message with the same certificate: parsing it into ASN.1 objects and encoding it again
 * to find it among the known ones was most of the CMS work of a small receipt.
 *
 * <p>Only the plainest framing is split: definite lengths in their shortest form, nothing after the ContentInfo,
 * ContentInfo exactly an OID and
 * {@code [0]}, SignedData exactly version, digest algorithms, content, {@code [0]} certificates (each a SEQUENCE),
 * optional {@code [1]} CRLs and the signer infos SET. Anything else returns null and is read as before, whole.
 */
final class SignedDataCertificates {
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int OID = 0x06;
    private static final int CONTEXT_0 = 0xA0;
    private static final int CONTEXT_1 = 0xA1;

    private SignedDataCertificates() {}

    /**
     * The ContentInfo without its certificates field (the same bytes apart from three rewritten lengths) and
     * each certificate's bytes, in order.
     */
    record Split(byte[] rest, List<ByteBuffer> certificates) {}

    /** One element's header: its tag, where its content starts and ends. */
    private record Element(int tag, int start, int contentStart, int end) {}

    /** {@code der} split, or null when its framing is not the plain one described above. */
    static @Nullable Split split(byte[] der) {
        Element ci = element(der, 0, der.length);
        if (ci == null || ci.tag() != SEQUENCE || ci.end() != der.length) { // Bouncy Castle refuses bytes after it
            return null;
        }
        Element oid = element(der, ci.contentStart(), ci.end());
        Element explicit = oid == null || oid.tag() != OID ? null : element(der, oid.end(), ci.end());
        if (explicit == null || explicit.tag() != CONTEXT_0 || explicit.end() != ci.end()) {
            return null;
        }
        Element sd = element(der, explicit.contentStart(), explicit.end());
        if (sd == null || sd.tag() != SEQUENCE || sd.end() != explicit.end()) {
            return null;
        }
        int at = sd.contentStart();
        for (int i = 0; i < 3; i++) { // version, digestAlgorithms, encapContentInfo
            Element e = element(der, at, sd.end());
            if (e == null || e.tag() == CONTEXT_0 || e.tag() == CONTEXT_1) {
                return null;
            }
            at = e.end();
        }
        Element certs = element(der, at, sd.end());
        if (certs == null || certs.tag() != CONTEXT_0) {
            return null;
        }
        List<ByteBuffer> certificates = certificates(der, certs);
        if (certificates == null || !plainTail(der, certs.end(), sd.end())) {
            return null;
        }
        return new Split(without(der, ci, explicit, sd, certs), certificates);
    }

    /** Each SEQUENCE of the certificates field, as read-only views of {@code der}; null if any is something else. */
    private static @Nullable List<ByteBuffer> certificates(byte[] der, Element certs) {
        List<ByteBuffer> out = new ArrayList<>();
        int at = certs.contentStart();
        while (at < certs.end()) {
            Element c = element(der, at, certs.end());
            if (c == null || c.tag() != SEQUENCE) {
                return null;
            }
            out.add(ByteBuffer.wrap(der, c.start(), c.end() - c.start()).slice().asReadOnlyBuffer());
            at = c.end();
        }
        return out;
    }

    /** After the certificates: an optional {@code [1]} of CRLs, then the signer infos SET, ending with SignedData. */
    private static boolean plainTail(byte[] der, int at, int end) {
        Element e = element(der, at, end);
        if (e != null && e.tag() == CONTEXT_1) {
            e = element(der, e.end(), end);
        }
        return e != null && e.tag() == SET && e.end() == end;
    }

    /** The ContentInfo with the certificates field removed and the lengths of its three ancestors shortened. */
    private static byte[] without(byte[] der, Element ci, Element explicit, Element sd, Element certs) {
        int sdContent = sd.end() - sd.contentStart() - (certs.end() - certs.start());
        int explicitContent = 1 + lengthOctets(sdContent) + sdContent;
        int ciContent = explicit.start() - ci.contentStart() + 1 + lengthOctets(explicitContent) + explicitContent;
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + lengthOctets(ciContent) + ciContent);
        header(out, SEQUENCE, ciContent);
        out.write(der, ci.contentStart(), explicit.start() - ci.contentStart()); // the OID
        header(out, CONTEXT_0, explicitContent);
        header(out, SEQUENCE, sdContent);
        out.write(der, sd.contentStart(), certs.start() - sd.contentStart());
        out.write(der, certs.end(), sd.end() - certs.end());
        return out.toByteArray();
    }

    private static int lengthOctets(int length) {
        return length < 0x80 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : length < 0x1000000 ? 4 : 5;
    }

    private static void header(ByteArrayOutputStream out, int tag, int length) {
        out.write(tag);
        int octets = lengthOctets(length) - 1;
        if (octets == 0) {
            out.write(length);
            return;
        }
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    /**
     * The element at {@code at}, which must end by {@code limit}: a one-octet tag and a definite length in its
     * shortest form (as DER writes it), else null.
     */
    private static @Nullable Element element(byte[] d, int at, int limit) {
        if (at + 2 > limit) {
            return null;
        }
        int tag = d[at] & 0xFF;
        int first = d[at + 1] & 0xFF;
        if ((tag & 0x1F) == 0x1F || first == 0x80) {
            return null;
        }
        int contentStart = at + 2;
        long length = first;
        if (first > 0x80) {
            int octets = first & 0x7F;
            if (octets > 4 || contentStart + octets > limit || d[contentStart] == 0) {
                return null;
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (d[contentStart++] & 0xFF);
            }
            if (length < 0x80 || lengthOctets((int) Math.min(length, Integer.MAX_VALUE)) != octets + 1) {
                return null;
            }
        }
        if (length > limit - contentStart) {
            return null;
        }
        return new Element(tag, at, contentStart, contentStart + (int) length);
    }
}
