package io.github.pec4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.BERSequence;
import org.bouncycastle.asn1.BERTaggedObject;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Malformed CMS SignedData ({@code .p7m}) files, built with Bouncy Castle's ASN.1 writers (deep
 * nesting is assembled iteratively, as no recursive writer survives it). Each must give a verifier's
 * report, never an exception.
 */
public final class HostileCms {
    private static final ASN1ObjectIdentifier SIGNED_DATA = CMSObjectIdentifiers.signedData;

    private HostileCms() {}

    /**
     * Every case by a short name (file-name safe), each a complete {@code .p7m}, in a stable order.
     *
     * @return every case by a short name (file-name safe), each a complete {@code .p7m}, in a stable order
     */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("nulls-in-signed-data", nullsInSignedData());
        all.put("no-signer-infos", noSignerInfos());
        all.put("empty-signer-infos", emptySignerInfos());
        all.put("nested-sets", nestedSets(10_000));
        all.put("nested-sets-indefinite", nestedIndefinite(10_000));
        all.put("nested-in-octet-string", nestedInsideOctetString(10_000));
        all.put("wrong-tags", wrongTags());
        all.put("huge-length", hugeLength());
        all.put("huge-inner-length", hugeInnerLength());
        all.put("unclosed-indefinite", unclosedIndefinite());
        all.put("indefinite-primitive", indefinitePrimitive());
        all.put("eoc-in-definite", endOfContentsInDefinite());
        all.put("null-content-info", contentInfo(DERNull.INSTANCE));
        all.put("signer-info-of-nulls", signerInfoOfNulls());
        return all;
    }

    /**
     * SignedData whose digest algorithms, content info and signer infos are NULLs.
     *
     * @return the DER bytes
     */
    public static byte[] nullsInSignedData() {
        return contentInfo(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1), DERNull.INSTANCE,
                DERNull.INSTANCE, DERNull.INSTANCE}));
    }

    /**
     * SignedData with no SignerInfos field at all.
     *
     * @return the DER bytes
     */
    public static byte[] noSignerInfos() {
        return contentInfo(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1), digestAlgorithms(),
                encapsulated("contenuto".getBytes(StandardCharsets.US_ASCII))}));
    }

    /**
     * SignedData with an empty SignerInfos set.
     *
     * @return the DER bytes
     */
    public static byte[] emptySignerInfos() {
        return contentInfo(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1), digestAlgorithms(),
                encapsulated("contenuto".getBytes(StandardCharsets.US_ASCII)), new DERSet()}));
    }

    /**
     * SignedData whose only signer info is a sequence of NULLs.
     *
     * @return the DER bytes
     */
    public static byte[] signerInfoOfNulls() {
        DERSequence signer = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1), DERNull.INSTANCE,
                DERNull.INSTANCE, DERNull.INSTANCE, DERNull.INSTANCE});
        return contentInfo(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1), digestAlgorithms(),
                encapsulated("contenuto".getBytes(StandardCharsets.US_ASCII)), new DERSet(signer)}));
    }

    /**
     * SignedData whose digest-algorithm field is {@code levels} nested SETs (definite lengths).
     *
     * @param levels the nesting depth
     * @return the DER bytes
     */
    public static byte[] nestedSets(int levels) {
        byte[] sets = nest(0x31, levels, new byte[] {0x05, 0x00});
        return contentInfoRaw(signedDataRaw(sets));
    }

    /**
     * The same with indefinite lengths ({@code 31 80 ... 00 00}), as BER allows.
     *
     * @param levels the nesting depth
     * @return the BER bytes
     */
    public static byte[] nestedIndefinite(int levels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < levels; i++) {
            out.write(0x31);
            out.write(0x80);
        }
        out.write(0x05);
        out.write(0x00);
        for (int i = 0; i < levels; i++) {
            out.write(0x00);
            out.write(0x00);
        }
        byte[] inner = out.toByteArray();
        ByteArrayOutputStream ci = new ByteArrayOutputStream();
        ci.writeBytes(new byte[] {0x30, (byte) 0x80});
        ci.writeBytes(der(SIGNED_DATA));
        ci.writeBytes(new byte[] {(byte) 0xA0, (byte) 0x80, 0x30, (byte) 0x80, 0x02, 0x01, 0x01});
        ci.writeBytes(inner);
        ci.writeBytes(new byte[] {0, 0, 0, 0, 0, 0});
        return ci.toByteArray();
    }

    /**
     * A well-formed SignedData whose encapsulated content is {@code levels} nested SEQUENCEs.
     *
     * @param levels the nesting depth
     * @return a well-formed SignedData whose encapsulated content is {@code levels} nested SEQUENCEs
     */
    public static byte[] nestedInsideOctetString(int levels) {
        return contentInfo(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1), digestAlgorithms(),
                new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {CMSObjectIdentifiers.data,
                        new DERTaggedObject(true, 0, new DEROctetString(nest(0x30, levels, new byte[] {0x05, 0x00})))}),
                new DERSet()}));
    }

    /**
     * SignedData with the wrong universal types in every field (OCTET STRING version, SEQUENCE for SETs).
     *
     * @return the DER bytes
     */
    public static byte[] wrongTags() {
        return contentInfo(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new DEROctetString(new byte[] {1}),
                new DERSequence(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), new DERSet(new ASN1Integer(7)),
                new DERTaggedObject(false, 5, new ASN1Integer(3)), new DERSequence(new ASN1Integer(9))}));
    }

    /**
     * A ContentInfo that declares 2 GiB.
     *
     * @return a ContentInfo that declares 2 GiB
     */
    public static byte[] hugeLength() {
        byte[] body = der(SIGNED_DATA);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        out.writeBytes(body);
        out.writeBytes(new byte[] {(byte) 0xA0, (byte) 0x88, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF});
        return out.toByteArray();
    }

    /**
     * A well-framed SignedData with an OCTET STRING inside declaring 1 TiB.
     *
     * @return a well-framed SignedData with an OCTET STRING inside declaring 1 TiB
     */
    public static byte[] hugeInnerLength() {
        byte[] octet = {0x04, (byte) 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, 'x'};
        return contentInfoRaw(signedDataRaw(octet));
    }

    /**
     * Indefinite-length elements never closed by an end-of-contents marker.
     *
     * @return the BER bytes
     */
    public static byte[] unclosedIndefinite() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x30, (byte) 0x80});
        out.writeBytes(der(SIGNED_DATA));
        out.writeBytes(new byte[] {(byte) 0xA0, (byte) 0x80, 0x30, (byte) 0x80, 0x02, 0x01, 0x01, 0x31, (byte) 0x80});
        return out.toByteArray();
    }

    /**
     * An indefinite length on a primitive INTEGER.
     *
     * @return an indefinite length on a primitive INTEGER
     */
    public static byte[] indefinitePrimitive() {
        return contentInfoRaw(signedDataRaw(new byte[] {0x02, (byte) 0x80, 0x01, 0x00, 0x00}));
    }

    /**
     * End-of-contents markers inside definite-length elements.
     *
     * @return the DER bytes
     */
    public static byte[] endOfContentsInDefinite() {
        return contentInfoRaw(signedDataRaw(new byte[] {0x00, 0x00, 0x00, 0x00}));
    }

    /**
     * Every prefix of {@code valid} that ends inside one of its elements: cut after each element's
     * header, and one byte into its content. Distinct, shortest first.
     *
     * @param valid a valid DER structure
     * @return every prefix of {@code valid} that ends inside one of its elements: cut after each element's header,
     *     and one byte into its content
     */
    public static List<byte[]> truncations(byte[] valid) {
        List<Integer> cuts = new ArrayList<>();
        int pos = 0;
        while (pos < valid.length - 1) {
            int header = headerLength(valid, pos);
            if (header <= 0) {
                break;
            }
            cuts.add(pos + 1);
            cuts.add(pos + header);
            if (pos + header + 1 < valid.length) {
                cuts.add(pos + header + 1);
            }
            // descend into constructed elements, skip primitive ones
            pos = (valid[pos] & 0x20) != 0 ? pos + header : pos + header + contentLength(valid, pos);
        }
        return cuts.stream().filter(c -> c > 0 && c < valid.length).distinct().sorted().map(c -> Arrays.copyOf(valid, c)).toList();
    }

    /**
     * A signed PEC envelope ({@link MessageBuilder#build()}) whose {@code smime.p7s} part (clear-signed)
     * or {@code smime.p7m} body ({@link Quirk#OPAQUE_SIGNATURE}) carries {@code cms} instead of its signature.
     *
     * @param signedEnvelope a signed PEC envelope
     * @param cms the bytes to put in its place
     * @return a signed PEC envelope ({@link MessageBuilder#build()}) whose {@code smime.p7s} part (clear-signed) or
     *     {@code smime.p7m} body ({@link Quirk#OPAQUE_SIGNATURE}) carries {@code cms} instead of its signature
     */
    public static byte[] withProviderSignature(byte[] signedEnvelope, byte[] cms) {
        String text = new String(signedEnvelope, StandardCharsets.ISO_8859_1);
        int part = text.indexOf("filename=\"smime.p7s\"");
        if (part < 0) {
            part = text.indexOf("filename=\"smime.p7m\"");
        }
        if (part < 0) {
            throw new IllegalArgumentException("not a signed envelope with smime.p7s or smime.p7m");
        }
        int body = text.indexOf("\r\n\r\n", part) + 4;
        int end = text.indexOf("\r\n--", body);
        end = end < 0 ? text.length() : end; // an opaque body runs to the end
        String b64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(cms);
        return (text.substring(0, body) + b64 + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ building blocks

    private static DERSet digestAlgorithms() {
        return new DERSet(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
    }

    private static DERSequence encapsulated(byte[] content) {
        return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {CMSObjectIdentifiers.data,
                new DERTaggedObject(true, 0, new DEROctetString(content))});
    }

    private static byte[] contentInfo(org.bouncycastle.asn1.ASN1Encodable signedData) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(SIGNED_DATA);
        v.add(new BERTaggedObject(true, 0, signedData));
        return der(new BERSequence(v));
    }

    /** A ContentInfo around already-encoded SignedData bytes. */
    private static byte[] contentInfoRaw(byte[] signedData) {
        byte[] explicit = tlv(0xA0, signedData);
        return tlv(0x30, concat(der(SIGNED_DATA), explicit));
    }

    /** A SignedData SEQUENCE: version 1 then {@code field}, already encoded. */
    private static byte[] signedDataRaw(byte[] field) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x01}, field));
    }

    /** {@code levels} elements of {@code tag} around {@code core}, built inside out without recursion. */
    private static byte[] nest(int tag, int levels, byte[] core) {
        byte[] current = core;
        for (int i = 0; i < levels; i++) {
            current = tlv(tag, current);
        }
        return current;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x84);
            out.write(n >>> 24);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded("DER");
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Tag and length octets of the element at {@code pos} (single-octet tags), or -1. */
    private static int headerLength(byte[] b, int pos) {
        if (pos + 1 >= b.length) {
            return -1;
        }
        int first = b[pos + 1] & 0xFF;
        return first < 0x80 || first == 0x80 ? 2 : 2 + (first & 0x7F);
    }

    /** The definite content length of the element at {@code pos} (0 for indefinite). */
    private static int contentLength(byte[] b, int pos) {
        int first = b[pos + 1] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int n = 0;
        for (int i = 0; i < (first & 0x7F) && pos + 2 + i < b.length; i++) {
            n = (n << 8) | (b[pos + 2 + i] & 0xFF);
        }
        return n;
    }
}
