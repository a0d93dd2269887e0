package io.github.pec4j.signature.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Location;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.DocumentCode;
import io.github.pec4j.signature.DocumentContent;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentSigner;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.SignatureLayer;
import io.github.pec4j.signature.SignerCertificate;
import io.github.pec4j.signature.TimestampInfo;
import io.github.pec4j.signature.Trust;
import io.github.pec4j.signature.TrustStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;

/**
 * Signed-document verification with Bouncy Castle's streaming CMS parser. Each layer is decoded to a
 * temporary file when it is not DER/BER already, parsed once, its content drained to a temporary
 * file while hashed, then the signers are checked; the content becomes the next layer when it is
 * itself CMS.
 */
public final class BcDocumentVerifier implements DocumentVerifier {
    static final int MAX_LAYERS = 8;
    private static final int MAX_XML_BYTES = 16 * 1024 * 1024;
    private static final int MAX_BASE64_ROUNDS = 3;
    private static final byte[] SIGNED_DATA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x02};

    private final TrustStore trust;
    private final CryptoPolicy policy;
    private final Clock clock;
    /** Whether an unsigned PDF is told by a streaming search for {@code /ByteRange}; without it, the reference path. */
    private final boolean byteRangeFirst;
    /** How many PDFs were read whole into the heap: the tests' witness that an unsigned one never is. */
    final java.util.concurrent.atomic.AtomicLong pdfsReadWhole = new java.util.concurrent.atomic.AtomicLong();

    public BcDocumentVerifier(TrustStore trust, CryptoPolicy policy, Clock clock) {
        this(trust, policy, clock, true);
    }

    /** With {@code byteRangeFirst} false every PDF is read whole and searched by the regular expression: the reference. */
    BcDocumentVerifier(TrustStore trust, CryptoPolicy policy, Clock clock, boolean byteRangeFirst) {
        this.trust = trust;
        this.policy = policy;
        this.clock = clock;
        this.byteRangeFirst = byteRangeFirst;
    }

    @Override
    public DocumentReport verify(Path file) throws IOException {
        return guarded(java.util.Objects.requireNonNull(file, "file"), null, null);
    }

    @Override
    public DocumentReport verifyAndExtract(Path file, Path contentTarget) throws IOException {
        return guarded(java.util.Objects.requireNonNull(file, "file"), null, java.util.Objects.requireNonNull(contentTarget, "contentTarget"));
    }

    @Override
    public DocumentReport verifyDetached(Path signature, Path content) throws IOException {
        return guarded(java.util.Objects.requireNonNull(signature, "signature"), java.util.Objects.requireNonNull(content, "content"), null);
    }

    /**
     * Any unchecked failure of Bouncy Castle or of this class on the input becomes a report: the file
     * is not verifiable, and nothing is extracted. Reading the file itself still throws.
     */
    private DocumentReport guarded(Path file, Path detachedContent, Path extractTo) throws IOException {
        try {
            return run(file, detachedContent, extractTo);
        } catch (RuntimeException e) {
            if (extractTo != null) {
                Files.write(extractTo, new byte[0]);
            }
            return new DocumentReport(Integrity.NOT_VERIFIABLE, List.of(), Optional.empty(), List.of(diag(DocumentCode.VERIFIER_FAILED,
                    "the verifier failed on this input (" + e.getClass().getName() + "): not verifiable")));
        }
    }

    private DocumentReport run(Path file, Path detachedContent, Path extractTo) throws IOException {
        List<Diagnostic> diags = new ArrayList<>();
        List<SignatureLayer> layers = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        Path[] lastContent = new Path[1];
        try {
            Path current = file;
            lastContent[0] = file;
            Integrity integrity = Integrity.VALID;
            for (int depth = 0; ; depth++) {
                if (depth >= MAX_LAYERS) {
                    diags.add(diag(DocumentCode.LAYER_LIMIT_EXCEEDED, "more than " + MAX_LAYERS + " nested signature layers"));
                    integrity = Integrity.NOT_VERIFIABLE;
                    break;
                }
                if (depth == 0 && isPdf(current)) {
                    return pades(current, diags);
                }
                if (isMime(current)) {
                    Layer m7m = m7m(current, temps, diags);
                    if (m7m == null) {
                        return new DocumentReport(Integrity.NOT_VERIFIABLE, layers, Optional.of(describe(current)), diags);
                    }
                    layers.add(m7m.layer);
                    integrity = worse(integrity, m7m.integrity);
                    current = m7m.content;
                    lastContent[0] = current;
                    continue;
                }
                if (isTimeStampedData(current)) {
                    Layer tsd = tsd(current, temps, diags);
                    layers.add(tsd.layer);
                    integrity = worse(integrity, tsd.integrity);
                    current = tsd.content;
                    lastContent[0] = current;
                    if (!looksLikeCms(current) && !isTimeStampedData(current)) {
                        break;
                    }
                    continue;
                }
                Sniffed s = sniff(current, temps, depth == 0, diags);
                if (s == null) {
                    if (depth == 0 && !isSignatureName(file) && describe(file).mediaType().equals("application/xml")) {
                        break; // plain XML: checked for an XML signature below
                    }
                    if (depth == 0) {
                        boolean claimsSignature = isSignatureName(file);
                        if (claimsSignature) {
                            diags.add(diag(DocumentCode.NOT_CMS, "the file is not a CMS SignedData (DER, BER, PEM or base64)"));
                        }
                        return new DocumentReport(claimsSignature ? Integrity.NOT_VERIFIABLE : Integrity.ABSENT, layers,
                                Optional.of(describe(file)), diags);
                    }
                    break;
                }
                if (!s.encoding.equals("der")) {
                    diags.add(diag(DocumentCode.NON_DER_ENCODING, "layer " + (depth + 1) + " is stored as " + s.encoding));
                }
                Optional<String> malformed = Asn1Guard.problem(s.der);
                if (malformed.isPresent()) {
                    diags.add(diag(DocumentCode.ASN1_MALFORMED, "layer " + (depth + 1) + " not parsed: " + malformed.get()));
                    if (depth == 0) {
                        return new DocumentReport(Integrity.NOT_VERIFIABLE, layers, Optional.of(describe(file)), diags);
                    }
                    integrity = Integrity.NOT_VERIFIABLE;
                    break; // the inner bytes stay the content, unverified
                }
                Layer layer;
                try {
                    layer = parseLayer(s, depth == 0 ? detachedContent : null, temps, diags, depth + 1);
                } catch (SourceStream.SourceFailure e) {
                    throw e; // reading the file failed: an I/O error, not bad content
                } catch (CMSException | IOException | RuntimeException | CertificateException e) {
                    if (depth == 0) {
                        diags.add(diag(DocumentCode.NOT_CMS, "not a readable CMS SignedData: " + message(e)));
                        return new DocumentReport(Integrity.NOT_VERIFIABLE, layers, Optional.of(describe(file)), diags);
                    }
                    // Inner bytes that carry the SignedData type but do not parse: they stay the content, unverified.
                    diags.add(diag(DocumentCode.NOT_CMS, "layer " + (depth + 1) + " is marked as CMS SignedData but is not readable: "
                            + message(e)));
                    integrity = Integrity.NOT_VERIFIABLE;
                    break;
                }
                layers.add(layer.layer);
                integrity = worse(integrity, layer.integrity);
                if (layer.content == null) {
                    lastContent[0] = null;
                    return new DocumentReport(worse(integrity, Integrity.NOT_VERIFIABLE), layers, Optional.empty(), diags);
                }
                current = layer.content;
                lastContent[0] = current;
                if (!looksLikeCms(current) && !isTimeStampedData(current)) {
                    break;
                }
            }
            DocumentContent inner = describe(current);
            if (inner.mediaType().equals("application/xml") && Files.size(current) <= MAX_XML_BYTES) {
                SignatureLayer xml = XmlSignatures.verify(Files.readAllBytes(current), trust, diags);
                if (xml != null) {
                    layers.add(xml);
                    integrity = worse(integrity, xml.signers().stream().map(DocumentSigner::integrity).reduce(Integrity.VALID, BcDocumentVerifier::worse));
                }
            }
            if (layers.isEmpty()) {
                return new DocumentReport(Integrity.ABSENT, layers, Optional.of(inner), diags);
            }
            return new DocumentReport(integrity, layers, Optional.of(inner), diags);
        } finally {
            if (extractTo != null && lastContent[0] != null && Files.exists(lastContent[0])) {
                extract(lastContent[0], extractTo, temps);
            }
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }

    /**
     * The innermost content put where the caller asked: a layer's own temporary file is renamed there (no copy, and no
     * second file made and deleted, which costs more than the verification on a file system with online discard); the
     * caller's input is copied, never moved.
     */
    private static void extract(Path content, Path extractTo, List<Path> temps) throws IOException {
        if (temps.remove(content)) {
            try {
                Files.move(content, extractTo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (IOException e) {
                temps.add(content); // another file system, or refused: copied below, deleted with the others
            }
        }
        Files.copy(content, extractTo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isSignatureName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".p7m") || n.endsWith(".p7s") || n.endsWith(".pk7") || n.endsWith(".p7");
    }

    static Integrity worse(Integrity a, Integrity b) {
        return a.ordinal() >= b.ordinal() ? a : b; // VALID < INVALID < ABSENT < NOT_VERIFIABLE in the enum order
    }

    // ------------------------------------------------------------------ sniffing

    private record Sniffed(Path der, String encoding) {}

    /** DER/BER as is; PEM and (double) base64 decoded to a temporary file; null when none of these. */
    private Sniffed sniff(Path file, List<Path> temps, boolean outer, List<Diagnostic> diags) throws IOException {
        byte[] head = head(file, 64);
        int i = 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\r' || head[i] == '\n' || head[i] == '\t')) {
            i++;
        }
        if (i >= head.length) {
            return null;
        }
        if ((head[i] & 0xFF) == 0x30) {
            if (!outer && !looksLikeCms(file)) {
                return null;
            }
            return new Sniffed(file, i + 1 < head.length && (head[i + 1] & 0xFF) == 0x80 ? "ber" : "der");
        }
        if (!outer) {
            return null; // inner content that is text stays content
        }
        String start = new String(head, i, head.length - i, StandardCharsets.US_ASCII);
        boolean pem = start.startsWith("-----BEGIN");
        Path decoded = file;
        String encoding = pem ? "pem" : "base64";
        for (int round = 0; round < MAX_BASE64_ROUNDS; round++) {
            Path out = Files.createTempFile("pec4j-b64-", ".der");
            temps.add(out);
            long n = Base64Stream.decode(decoded, out, pem && round == 0);
            if (n <= 0) {
                if (round == 0 && !pem) {
                    return null;
                }
                diags.add(diag(DocumentCode.BASE64_DECODE_FAILED, "the base64 text does not decode"));
                return null;
            }
            byte[] h = head(out, 2);
            if (h.length > 0 && (h[0] & 0xFF) == 0x30) {
                return new Sniffed(out, round == 0 ? encoding : encoding + "-base64");
            }
            decoded = out; // double base64: decode again
        }
        return null;
    }

    private static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    /** A SEQUENCE whose first element is the signedData OID, within the first bytes. */
    static boolean looksLikeCms(Path file) throws IOException {
        byte[] h = head(file, 32);
        if (h.length < 2 || (h[0] & 0xFF) != 0x30) {
            return false;
        }
        for (int i = 1; i + SIGNED_DATA_OID.length <= h.length && i < 8; i++) {
            if (Arrays.equals(h, i, i + SIGNED_DATA_OID.length, SIGNED_DATA_OID, 0, SIGNED_DATA_OID.length)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ pades

    private static final int MAX_PDF_BYTES = 256 * 1024 * 1024;

    private static final byte[] BYTE_RANGE = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
    static final int SEARCH_WINDOW = 64 * 1024;

    /**
     * Whether {@code token} occurs in {@code file}, read in windows that keep the previous window's last
     * {@code token.length - 1} bytes, so an occurrence cut by a window edge is seen whole.
     */
    static boolean contains(Path file, byte[] token) throws IOException {
        int keep = token.length - 1;
        byte[] buf = new byte[SEARCH_WINDOW + keep];
        int carry = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int n = in.readNBytes(buf, carry, SEARCH_WINDOW);
                int len = carry + n;
                if (indexOf(buf, len, token) >= 0) {
                    return true;
                }
                if (n < SEARCH_WINDOW) {
                    return false;
                }
                carry = Math.min(keep, len);
                System.arraycopy(buf, len - carry, buf, 0, carry);
            }
        }
    }

    private static int indexOf(byte[] buf, int len, byte[] token) {
        byte first = token[0];
        for (int i = 0, last = len - token.length; i <= last; i++) {
            if (buf[i] == first && Arrays.equals(buf, i + 1, i + token.length, token, 1, token.length)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isPdf(Path file) throws IOException {
        return new String(head(file, 5), StandardCharsets.ISO_8859_1).equals("%PDF-");
    }

    /** Every PDF signature dictionary: the CMS in /Contents checked over the /ByteRange, and its coverage. */
    private DocumentReport pades(Path file, List<Diagnostic> diags) throws IOException {
        if (Files.size(file) > MAX_PDF_BYTES) {
            diags.add(diag(DocumentCode.PADES_MALFORMED, "PDF larger than " + MAX_PDF_BYTES + " bytes: signatures not checked"));
            return new DocumentReport(Integrity.NOT_VERIFIABLE, List.of(), Optional.of(describe(file)), diags);
        }
        if (byteRangeFirst && !contains(file, BYTE_RANGE)) {
            // the regular expression below has nothing to match: the report of a PDF without signatures, the file never held whole
            return new DocumentReport(Integrity.ABSENT, List.of(), Optional.of(describe(file)), diags);
        }
        pdfsReadWhole.incrementAndGet();
        byte[] pdf = Files.readAllBytes(file);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        List<SignatureLayer> layers = new ArrayList<>();
        Integrity integrity = Integrity.VALID;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\]").matcher(text);
        while (m.find()) {
            long a = Long.parseLong(m.group(1));
            long b = Long.parseLong(m.group(2));
            long c = Long.parseLong(m.group(3));
            long d = Long.parseLong(m.group(4));
            if (a != 0 || b <= 0 || c < b + 2 || c + d > pdf.length || pdf[(int) b] != '<' || pdf[(int) c - 1] != '>') {
                diags.add(diag(DocumentCode.PADES_MALFORMED, "a /ByteRange that does not frame a /Contents hex string"));
                integrity = worse(integrity, Integrity.NOT_VERIFIABLE);
                continue;
            }
            String hex = text.substring((int) b + 1, (int) c - 1).replaceAll("\\s", "");
            byte[] cms;
            try {
                cms = java.util.HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : hex + "0");
            } catch (IllegalArgumentException e) {
                diags.add(diag(DocumentCode.PADES_MALFORMED, "/Contents is not hexadecimal"));
                integrity = worse(integrity, Integrity.NOT_VERIFIABLE);
                continue;
            }
            int dict = Math.max(0, text.lastIndexOf("<<", m.start()));
            String around = text.substring(dict, Math.min(text.length(), (int) c + 400));
            boolean docTimestamp = around.contains("/ETSI.RFC3161");
            boolean whole = c + d == pdf.length;
            if (!whole) {
                diags.add(diag(DocumentCode.PADES_NOT_WHOLE_FILE, "a PDF signature covers " + (b + d) + " of " + pdf.length
                        + " bytes: the file was extended after signing (incremental update)"));
            }
            byte[] signedBytes = new byte[(int) (b + d)];
            System.arraycopy(pdf, 0, signedBytes, 0, (int) b);
            System.arraycopy(pdf, (int) c, signedBytes, (int) b, (int) d);
            if (docTimestamp) {
                Optional<org.bouncycastle.tsp.TimeStampToken> token = Timestamps.parse(trimDer(cms));
                List<TimestampInfo> stamps = new ArrayList<>();
                if (token.isPresent()) {
                    TimestampInfo t = Timestamps.check("document-timestamp", token.get(), Timestamps.Stamped.bytes(signedBytes), trust);
                    stamps.add(t);
                    integrity = worse(integrity, t.valid() ? Integrity.VALID : Integrity.INVALID);
                } else {
                    integrity = worse(integrity, Integrity.NOT_VERIFIABLE);
                }
                layers.add(new SignatureLayer("pades", "der", true, whole, List.of(), stamps));
                continue;
            }
            Optional<String> malformed = Asn1Guard.problem(cms);
            if (malformed.isPresent()) {
                diags.add(diag(DocumentCode.ASN1_MALFORMED, "a PDF signature not parsed: " + malformed.get()));
                integrity = worse(integrity, Integrity.NOT_VERIFIABLE);
                continue;
            }
            try (InputStream sig = new java.io.ByteArrayInputStream(cms)) {
                CMSSignedDataParser parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(),
                        new CMSTypedStream(new java.io.ByteArrayInputStream(signedBytes)), sig);
                parser.getSignedContent().drain();
                List<X509Certificate> certs = new ArrayList<>();
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> all = parser.getCertificates().getMatches(null);
                for (X509CertificateHolder h : all) {
                    certs.add(DecodedCertificates.decode(h).certificate());
                }
                List<DocumentSigner> signers = new ArrayList<>();
                List<TimestampInfo> stamps = new ArrayList<>();
                for (SignerInformation si : parser.getSignerInfos().getSigners()) {
                    DecodedCertificates.Decoded cert = signerCertificate(parser, si);
                    if (cert == null) {
                        diags.add(diag(DocumentCode.SIGNER_CERTIFICATE_MISSING, "a PDF signer has no certificate"));
                        integrity = worse(integrity, Integrity.NOT_VERIFIABLE);
                        continue;
                    }
                    DocumentSigner signer = signer(si, cert, certs, true, diags, layers.size() + 1);
                    signers.add(signer);
                    stamps.addAll(signatureTimestamps(si, diags));
                    integrity = worse(integrity, signer.integrity());
                }
                layers.add(new SignatureLayer("pades", "der", true, whole, signers, stamps));
            } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
                diags.add(diag(DocumentCode.PADES_MALFORMED, "the PDF signature is not a readable CMS: " + message(e)));
                integrity = worse(integrity, Integrity.NOT_VERIFIABLE);
            }
        }
        if (layers.isEmpty() && integrity == Integrity.VALID) {
            return new DocumentReport(Integrity.ABSENT, List.of(), Optional.of(describe(file)), diags);
        }
        diags.add(diag(DocumentCode.PADES_INTEGRITY_ONLY, "PAdES checked for CMS integrity and byte-range coverage; "
                + "modification and shadow-attack checks are not performed"));
        return new DocumentReport(integrity, layers, Optional.of(describe(file)), diags);
    }

    /** /Contents is zero-padded: keep the DER element only. */
    private static byte[] trimDer(byte[] der) {
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(der)) {
            return in.readObject().getEncoded("DER");
        } catch (IOException | RuntimeException e) {
            return der;
        }
    }

    // ------------------------------------------------------------------ m7m and tsd

    private static final byte[] TSD_OID = {0x06, 0x0B, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x1F};

    static boolean isTimeStampedData(Path file) throws IOException {
        byte[] h = head(file, 32);
        if (h.length < 2 || (h[0] & 0xFF) != 0x30) {
            return false;
        }
        for (int i = 1; i + TSD_OID.length <= h.length && i < 8; i++) {
            if (Arrays.equals(h, i, i + TSD_OID.length, TSD_OID, 0, TSD_OID.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMime(Path file) throws IOException {
        String h = new String(head(file, 256), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).stripLeading();
        return (h.startsWith("mime-version:") || h.startsWith("content-type:")) && h.contains("multipart/");
    }

    /** An m7m: exactly one p7m part and one time-stamp part; the token's imprint covers the p7m bytes. */
    private Layer m7m(Path file, List<Path> temps, List<Diagnostic> diags) throws IOException {
        try (io.github.pec4j.core.PecMessage m = io.github.pec4j.core.PecParser.create().parse(file)) {
            List<io.github.pec4j.core.Attachment> p7m = new ArrayList<>();
            List<io.github.pec4j.core.Attachment> tsr = new ArrayList<>();
            for (io.github.pec4j.core.Attachment a : m.attachments()) {
                String t = a.declaredType();
                String n = a.name().toLowerCase(Locale.ROOT);
                if (t.endsWith("pkcs7-mime") || n.endsWith(".p7m")) {
                    p7m.add(a);
                } else if (t.startsWith("application/timestamp") || n.endsWith(".tsr") || n.endsWith(".tst")) {
                    tsr.add(a);
                }
            }
            if (p7m.size() != 1 || tsr.size() != 1) {
                diags.add(diag(DocumentCode.M7M_MALFORMED, "an m7m needs exactly one p7m and one time-stamp part (found "
                        + p7m.size() + " and " + tsr.size() + ")"));
                return null;
            }
            Path inner = Files.createTempFile("pec4j-m7m-", ".p7m");
            temps.add(inner);
            try (InputStream in = p7m.get(0).openStream(); OutputStream out = Files.newOutputStream(inner, java.nio.file.StandardOpenOption.WRITE)) {
                in.transferTo(out); // into the file made above: replacing it would make and delete a second one
            }
            byte[] tsBytes = tsr.get(0).content().readAllBytes();
            if (tsBytes.length > 0 && (tsBytes[0] & 0xFF) != 0x30) {
                try {
                    tsBytes = java.util.Base64.getMimeDecoder().decode(tsBytes); // a base64 token inside the part
                } catch (IllegalArgumentException e) {
                    // left as is: it will not parse
                }
            }
            Optional<org.bouncycastle.tsp.TimeStampToken> token = Timestamps.parse(tsBytes);
            List<TimestampInfo> stamps = new ArrayList<>();
            Integrity integrity = Integrity.VALID;
            if (token.isEmpty()) {
                diags.add(diag(DocumentCode.TIMESTAMP_INVALID, "the m7m time-stamp part is neither a response nor a token"));
                integrity = Integrity.NOT_VERIFIABLE;
            } else {
                TimestampInfo t = Timestamps.check("m7m", token.get(), Timestamps.Stamped.file(inner), trust);
                stamps.add(t);
                if (!t.valid()) {
                    diags.add(diag(DocumentCode.TIMESTAMP_INVALID, "the m7m time-stamp does not count (signature " + t.signatureValid()
                            + ", TSA certificate " + t.tsaCertificateValid() + ", imprint over the p7m " + t.imprintValid() + ")"));
                    integrity = Integrity.INVALID;
                }
            }
            return new Layer(new SignatureLayer("m7m", "mime", false, true, List.of(), stamps), integrity, inner);
        }
    }

    /** RFC 5544 TimeStampedData: the content, and each token checked against the content's hash. */
    private Layer tsd(Path file, List<Path> temps, List<Diagnostic> diags) throws IOException {
        Path content = Files.createTempFile("pec4j-tsd-", ".bin");
        temps.add(content);
        List<TimestampInfo> stamps = new ArrayList<>();
        Integrity integrity = Integrity.VALID;
        Optional<String> malformed = Asn1Guard.problem(file);
        if (malformed.isPresent()) {
            diags.add(diag(DocumentCode.ASN1_MALFORMED, "a TimeStampedData not parsed: " + malformed.get()));
            return new Layer(new SignatureLayer("tsd", "der", false, true, List.of(), stamps), Integrity.NOT_VERIFIABLE, content);
        }
        try (InputStream in = reading(file)) {
            org.bouncycastle.tsp.cms.CMSTimeStampedDataParser parser = new org.bouncycastle.tsp.cms.CMSTimeStampedDataParser(in);
            try (InputStream c = parser.getContent(); OutputStream out = new BufferedOutputStream(Files.newOutputStream(content, java.nio.file.StandardOpenOption.WRITE))) {
                if (c != null) {
                    c.transferTo(out);
                }
            }
            for (org.bouncycastle.tsp.TimeStampToken token : parser.getTimeStampTokens()) {
                TimestampInfo t = Timestamps.check("tsd", token, Timestamps.Stamped.file(content), trust);
                stamps.add(t);
                if (!t.valid()) {
                    diags.add(diag(DocumentCode.TIMESTAMP_INVALID, "a tsd time-stamp does not count (imprint " + t.imprintValid() + ")"));
                    integrity = Integrity.INVALID;
                }
            }
        } catch (SourceStream.SourceFailure e) {
            throw e;
        } catch (CMSException | IOException | RuntimeException e) {
            diags.add(diag(DocumentCode.NOT_CMS, "not a readable RFC 5544 TimeStampedData: " + message(e)));
            integrity = Integrity.NOT_VERIFIABLE;
        }
        return new Layer(new SignatureLayer("tsd", "der", false, true, List.of(), stamps), integrity, content);
    }

    // ------------------------------------------------------------------ one layer

    private record Layer(SignatureLayer layer, Integrity integrity, Path content) {}

    private Layer parseLayer(Sniffed s, Path detachedContent, List<Path> temps, List<Diagnostic> diags, int level)
            throws IOException, CMSException, CertificateException {
        CountingStream counted = new CountingStream(reading(s.der));
        try (counted) {
            CMSSignedDataParser parser;
            Path content;
            boolean detached;
            try {
                if (detachedContent != null) {
                    parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(),
                            new CMSTypedStream(reading(detachedContent)),
                            counted);
                } else {
                    parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), counted);
                }
            } catch (OperatorCreationException e) {
                throw new CMSException(e.getMessage(), e);
            } catch (RuntimeException e) {
                // Bouncy Castle's parser throws unchecked exceptions (e.g. a NullPointerException for a
                // SignedData with nothing where its content should be): malformed input, not a bug here.
                throw new CMSException("malformed SignedData: " + e, e);
            }
            CMSTypedStream signed = parser.getSignedContent();
            if (signed == null) {
                detached = true;
                content = null;
                diags.add(diag(DocumentCode.DETACHED_CONTENT_MISSING, "a detached signature: supply the content it signs"));
            } else {
                detached = detachedContent != null;
                content = detached ? detachedContent : Files.createTempFile("pec4j-layer-", ".bin");
                if (!detached) {
                    temps.add(content);
                    try (InputStream in = signed.getContentStream();
                            OutputStream out = new BufferedOutputStream(Files.newOutputStream(content, java.nio.file.StandardOpenOption.WRITE), 64 * 1024)) {
                        in.transferTo(out);
                    }
                } else {
                    signed.drain();
                }
            }
            Collection<SignerInformation> infos = parser.getSignerInfos().getSigners();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> all = parser.getCertificates().getMatches(null);
            List<X509Certificate> certs = new ArrayList<>();
            for (X509CertificateHolder h : all) {
                certs.add(DecodedCertificates.decode(h).certificate());
            }
            long trailing = trailingBytes(counted);
            if (trailing > 0) {
                diags.add(diag(DocumentCode.TRAILING_BYTES, trailing + " byte(s) after the end of the signature in layer " + level
                        + " (e.g. a final CRLF); ignored"));
            }
            List<DocumentSigner> signers = new ArrayList<>();
            Integrity integrity = signed == null ? Integrity.NOT_VERIFIABLE : Integrity.VALID;
            if (infos.isEmpty()) {
                diags.add(diag(DocumentCode.NO_SIGNERS, "layer " + level + " has no signer"));
                integrity = Integrity.NOT_VERIFIABLE;
            }
            for (SignerInformation si : infos) {
                DecodedCertificates.Decoded cert = signerCertificate(parser, si);
                if (cert == null) {
                    diags.add(diag(DocumentCode.SIGNER_CERTIFICATE_MISSING, "a signer of layer " + level + " has no certificate in it"));
                    integrity = worse(integrity, Integrity.NOT_VERIFIABLE);
                    continue;
                }
                DocumentSigner signer = signer(si, cert, certs, signed != null, diags, level);
                signers.add(signer);
                integrity = worse(integrity, signer.integrity());
            }
            String encoding = s.encoding;
            List<TimestampInfo> stamps = new ArrayList<>();
            for (SignerInformation si : infos) {
                stamps.addAll(signatureTimestamps(si, diags));
            }
            return new Layer(new SignatureLayer("cades", encoding, detached, true, signers, stamps), integrity, content);
        }
    }

    /** What the CMS parser left unread: any byte, a final CRLF included, is reported (DOC-P7M-04). */
    private static long trailingBytes(CountingStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[8192];
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static DecodedCertificates.Decoded signerCertificate(CMSSignedDataParser parser, SignerInformation si)
            throws CMSException, CertificateException {
        Collection<X509CertificateHolder> m = parser.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) si.getSID());
        for (X509CertificateHolder h : m) {
            return DecodedCertificates.decode(h);
        }
        return null;
    }

    private DocumentSigner signer(SignerInformation si, DecodedCertificates.Decoded decoded, List<X509Certificate> certs, boolean contentPresent,
            List<Diagnostic> diags, int level) {
        X509Certificate cert = decoded.certificate();
        Integrity integrity;
        if (!contentPresent) {
            integrity = Integrity.NOT_VERIFIABLE;
        } else {
            try {
                // the verifier is built once per certificate (building one costs more than an RSA check)
                integrity = si.verify(decoded.verifier()) ? Integrity.VALID : Integrity.INVALID;
            } catch (CMSSignerDigestMismatchException e) {
                integrity = Integrity.INVALID;
            } catch (CMSException | OperatorCreationException | RuntimeException e) {
                integrity = Integrity.NOT_VERIFIABLE;
            }
        }
        SignerCertificate described = decoded.description();
        if (integrity == Integrity.INVALID) {
            diags.add(diag(DocumentCode.SIGNATURE_INVALID, "the signature of " + described.subject() + " (layer " + level
                    + ") does not verify: the content was changed"));
        }
        String digest = CmsAttributes.algorithmName(si.getDigestAlgOID());
        String d = digest.toLowerCase(Locale.ROOT).replace("-", "");
        if (d.equals("sha1") || d.equals("md5")) {
            diags.add(new Diagnostic(DocumentCode.LEGACY_DIGEST, policy.acceptSha1() ? DocumentCode.LEGACY_DIGEST.defaultSeverity()
                    : io.github.pec4j.core.Severity.ERROR, Location.part("/"), digest + " digest in layer " + level));
            if (!policy.acceptSha1() && integrity == Integrity.VALID) {
                integrity = Integrity.INVALID;
            }
        }
        Optional<Instant> signingTime = CmsAttributes.signingTime(si);
        Instant time = signingTime.orElseGet(clock::instant);
        boolean validAtTime = described.validAt(time);
        if (!validAtTime) {
            diags.add(diag(DocumentCode.CERTIFICATE_NOT_VALID_AT_TIME, "the certificate of " + described.subject()
                    + " was not valid at " + time));
        }
        Boolean bound = signingCertificateBound(si, cert);
        if (Boolean.FALSE.equals(bound)) {
            diags.add(diag(DocumentCode.SIGNING_CERTIFICATE_MISMATCH, "the signingCertificate attribute of layer " + level
                    + " names another certificate"));
            integrity = Integrity.INVALID;
        }
        boolean timestamped = signatureTimestamps(si, new ArrayList<>()).stream().anyMatch(TimestampInfo::valid);
        String cadesLevel = Boolean.TRUE.equals(bound) ? (timestamped ? "T" : "BES") : "CMS";
        Trust t = trust.evaluate(cert, certs, time);
        Optional<Instant> revoked = trust.revocation(cert).filter(r -> !r.isAfter(time));
        if (revoked.isPresent()) {
            diags.add(diag(DocumentCode.CERTIFICATE_REVOKED, "the certificate of " + described.subject() + " was revoked on " + revoked.get()));
            t = Trust.UNTRUSTED;
        }
        return new DocumentSigner(described, integrity, digest, signingTime, codiceFiscale(cert), Boolean.TRUE.equals(bound), cadesLevel,
                qualifiedClaim(cert), t, validAtTime, si.getCounterSignatures().size());
    }

    /** CAdES-T: the signature time-stamps of a signer, checked against the hash of its signature value. */
    private List<TimestampInfo> signatureTimestamps(SignerInformation si, List<Diagnostic> diags) {
        List<TimestampInfo> out = new ArrayList<>();
        AttributeTable unsigned = si.getUnsignedAttributes();
        if (unsigned == null) {
            return out;
        }
        org.bouncycastle.asn1.ASN1EncodableVector all = unsigned.getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        for (int i = 0; i < all.size(); i++) {
            Attribute a = Attribute.getInstance(all.get(i));
            for (ASN1Encodable v : a.getAttrValues()) {
                try {
                    Optional<org.bouncycastle.tsp.TimeStampToken> token = Timestamps.parse(v.toASN1Primitive().getEncoded("DER"));
                    if (token.isPresent()) {
                        TimestampInfo t = Timestamps.check("signature-timestamp", token.get(), Timestamps.Stamped.bytes(si.getSignature()), trust);
                        if (!t.valid()) {
                            diags.add(diag(DocumentCode.TIMESTAMP_INVALID, "a signature time-stamp does not count (signature "
                                    + t.signatureValid() + ", TSA certificate " + t.tsaCertificateValid() + ", imprint " + t.imprintValid() + ")"));
                        }
                        out.add(t);
                    }
                } catch (IOException | RuntimeException e) {
                    diags.add(diag(DocumentCode.TIMESTAMP_INVALID, "an unreadable signature time-stamp"));
                }
            }
        }
        return out;
    }

    /** TRUE when bound, FALSE when an attribute names another certificate, null when there is none. */
    private static Boolean signingCertificateBound(SignerInformation si, X509Certificate cert) {
        AttributeTable attrs = si.getSignedAttributes();
        if (attrs == null) {
            return null;
        }
        try {
            Attribute v2 = attrs.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)).getCerts()[0];
                String alg = CmsAttributes.algorithmName(id.getHashAlgorithm().getAlgorithm().getId());
                byte[] hash = MessageDigest.getInstance(alg).digest(cert.getEncoded());
                return Arrays.equals(hash, id.getCertHash());
            }
            Attribute v1 = attrs.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
            if (v1 != null) {
                ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0)).getCerts()[0];
                return Arrays.equals(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()), id.getCertHash());
            }
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException | RuntimeException e) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The codice fiscale (or partita IVA) in the subject serialNumber: {@code TINIT-XXXX}, {@code IT:XXXX} or bare. */
    static Optional<String> codiceFiscale(X509Certificate cert) {
        try {
            X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
            for (RDN rdn : name.getRDNs(BCStyle.SERIALNUMBER)) {
                String v = rdn.getFirst().getValue().toString().trim().toUpperCase(Locale.ROOT);
                for (String prefix : List.of("TINIT-", "VATIT-", "IT:", "IDCIT-")) {
                    if (v.startsWith(prefix)) {
                        v = v.substring(prefix.length());
                    }
                }
                if (v.matches("[A-Z0-9]{16}|[0-9]{11}")) {
                    return Optional.of(v);
                }
            }
        } catch (RuntimeException e) {
            // a malformed subject carries no codice fiscale
        }
        return Optional.empty();
    }

    /** True when the certificate claims ETSI QcCompliance in its QC statements. */
    static boolean qualifiedClaim(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue("1.3.6.1.5.5.7.1.3");
        if (ext == null) {
            return false;
        }
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1OctetString.getInstance(ext).getOctets());
            for (ASN1Encodable e : seq) {
                if (QCStatement.getInstance(e).getStatementId().equals(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance)) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }

    // ------------------------------------------------------------------ content

    private static DocumentContent describe(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[bufferSize(file)];
        long size = 0;
        byte[] head = null;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (head == null) {
                    head = Arrays.copyOf(buf, Math.min(n, 512));
                }
                md.update(buf, 0, n);
                size += n;
            }
        }
        return new DocumentContent(ContentSniffer.mediaType(head == null ? new byte[0] : head), size,
                HexFormat.of().formatHex(md.digest()));
    }

    private static Diagnostic diag(DocumentCode code, String message) {
        return Diagnostic.of(code, Location.part("/"), message);
    }

    private static String message(Exception e) {
        String s = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** Marks failures of the file itself, so they stay I/O errors while malformed content becomes a report. */
    /**
     * A buffered stream over {@code file} whose buffer is no larger than the file (up to 64 KiB): most signed
     * documents are small, and a 64 KiB buffer zeroed for each of them cost more than reading them.
     */
    static InputStream reading(Path file) throws IOException {
        return new BufferedInputStream(new SourceStream(Files.newInputStream(file)), bufferSize(file));
    }

    /** A read buffer's size for {@code file}: the file's, between 512 bytes and 64 KiB. */
    private static int bufferSize(Path file) throws IOException {
        return (int) Math.max(512, Math.min(64 * 1024, Files.size(file) + 1));
    }

    static final class SourceStream extends FilterInputStream {
        static final class SourceFailure extends IOException {
            private static final long serialVersionUID = 1L;

            SourceFailure(IOException cause) {
                super(cause.getMessage(), cause);
            }
        }

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }
    }

    /** Lets the verifier read what the CMS parser left: trailing bytes. */
    private static final class CountingStream extends FilterInputStream {
        CountingStream(InputStream in) {
            super(in);
        }
    }
}
