package io.github.pec4j.signature.internal;

import io.github.pec4j.core.ByteRange;
import io.github.pec4j.core.ContentDigest;
import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.DiagnosticCode;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.Severity;
import io.github.pec4j.core.SignedLayout;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.SignatureCode;
import io.github.pec4j.signature.SignerCertificate;
import io.github.pec4j.signature.TimeBasis;
import io.github.pec4j.signature.Trust;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.signature.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessable;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;

/**
 * Provider-signature verification with Bouncy Castle's CMS classes, over the exact bytes the parser
 * located (or the digest it computed while parsing). Bouncy Castle types stay in here.
 */
public final class BcProviderSignatureVerifier implements ProviderSignatureVerifier {
    private static final int MAX_SIGNATURE_BYTES = 4 * 1024 * 1024;
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[^\\s<>,;\"()]+@[^\\s<>,;\"()]+");
    private static final java.util.regex.Pattern PER_CONTO_DI =
            java.util.regex.Pattern.compile("(?i)per conto di:\\s*([^\"<>]+?)\\s*\"?\\s*<");

    /**
     * The octets a base64 signature part keeps: letters and digits (Latin-1 ones too, as ever), {@code + / =};
     * line breaks and white space go. A table, as {@code Character.isLetterOrDigit} per octet cost a tenth of
     * the verification of a small receipt.
     */
    private static final boolean[] BASE64_KEPT = new boolean[256];

    static {
        for (int i = 0; i < 256; i++) {
            char c = (char) i;
            BASE64_KEPT[i] = Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=';
        }
    }

    private final TrustStore trust;
    private final CryptoPolicy policy;
    private final Clock clock;

    public BcProviderSignatureVerifier(TrustStore trust, CryptoPolicy policy, Clock clock) {
        this.trust = trust;
        this.policy = policy;
        this.clock = clock;
    }

    /** What reading the CMS structure yielded. */
    private record Read(SignerInformation signer, DecodedCertificates.Decoded decoded, List<X509Certificate> certificates,
            Integrity integrity, int signerCount) {
        X509Certificate certificate() {
            return decoded.certificate();
        }
    }

    @Override
    public ProviderSignatureReport verify(PecMessage m) throws IOException {
        java.util.Objects.requireNonNull(m, "message");
        try {
            return verifyUnguarded(m);
        } catch (RuntimeException e) {
            // A defect of Bouncy Castle or of this class on this input: a report, never an exception.
            List<Diagnostic> diags = new ArrayList<>();
            diags.add(diag(SignatureCode.SIG_NOT_VERIFIABLE, "/", "the verifier failed on this message (" + e.getClass().getName()
                    + "): not verifiable"));
            return notVerifiable(diags);
        }
    }

    private ProviderSignatureReport verifyUnguarded(PecMessage m) throws IOException {
        List<Diagnostic> diags = new ArrayList<>();
        crossCheckHeaders(m, diags);
        SignedLayout layout = m.signedLayout();
        if (layout.form() == SignedLayout.Form.NONE) {
            if (m.kind() != PecKind.NON_PEC) {
                diags.add(diag(SignatureCode.SIG_NOT_SIGNED, "/", "a PEC " + m.kind().id() + " without provider signature"));
            }
            return new ProviderSignatureReport(Verdict.NOT_SIGNED, Integrity.ABSENT, baseTrust(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, diags);
        }
        Read read;
        boolean[] onePass = new boolean[1];
        try {
            read = layout.form() == SignedLayout.Form.OPAQUE ? readOpaque(m) : readDetached(m, diags, onePass);
        } catch (BcDocumentVerifier.SourceStream.SourceFailure e) {
            throw e; // reading the raw message failed: an I/O error
        } catch (CMSException | IOException | RuntimeException | CertificateException e) {
            diags.add(diag(SignatureCode.SIG_NOT_VERIFIABLE, "/", "the signature is not a readable CMS SignedData: " + message(e)));
            return notVerifiable(diags);
        }
        if (read == null) {
            diags.add(diag(SignatureCode.SIG_NOT_VERIFIABLE, "/", "no signature part, or no signer in it"));
            return notVerifiable(diags);
        }
        if (read.signerCount() > 1) {
            diags.add(diag(SignatureCode.SIG_MULTIPLE_SIGNERS, "/", read.signerCount() + " signers; the first was evaluated"));
        }
        SignerInformation si = read.signer();
        String digest = CmsAttributes.algorithmName(si.getDigestAlgOID());
        String sigAlg = CmsAttributes.algorithmName(si.getEncryptionAlgOID());
        if (sigAlg.equalsIgnoreCase("RSA") || sigAlg.equals(si.getEncryptionAlgOID())) {
            sigAlg = digest.replace("-", "") + "with" + read.certificate().getPublicKey().getAlgorithm();
        }
        layout.micalg().ifPresent(micalg -> {
            if (!normaliseDigest(micalg).equals(normaliseDigest(digest))) {
                diags.add(diag(SignatureCode.SIG_MICALG_MISMATCH, "/", "micalg says " + micalg + ", the signature uses " + digest));
            }
        });
        Integrity integrity = read.integrity();
        if (integrity == Integrity.INVALID) {
            diags.add(diag(SignatureCode.SIG_INTEGRITY_FAILED, "/", "the signature does not verify: the message was changed after signing"));
        }
        boolean sha1Refused = false;
        if (normaliseDigest(digest).equals("sha1")) {
            sha1Refused = !policy.acceptSha1();
            diags.add(new Diagnostic(SignatureCode.SIG_LEGACY_DIGEST, sha1Refused ? Severity.ERROR : Severity.WARNING, Location.part("/"),
                    sha1Refused ? "SHA-1 message digest refused by the crypto policy" : "SHA-1 message digest (accepted for archived mail)"));
        }
        X509Certificate cert = read.certificate();
        if (cert.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < policy.minRsaKeyBits()) {
            diags.add(diag(SignatureCode.SIG_WEAK_KEY, "/", "RSA key of " + rsa.getModulus().bitLength() + " bits"));
        }
        Optional<Instant> signingTime = CmsAttributes.signingTime(si);
        Optional<Instant> daticertTime = m.daticert().flatMap(d -> d.data().instant()).map(t -> t.toInstant());
        Instant time;
        TimeBasis basis;
        if (signingTime.isPresent()) {
            time = signingTime.get();
            basis = TimeBasis.SIGNING_TIME;
        } else if (daticertTime.isPresent()) {
            time = daticertTime.get();
            basis = TimeBasis.DATICERT;
        } else {
            time = clock.instant();
            basis = TimeBasis.NOW;
        }
        if (signingTime.isPresent() && daticertTime.isPresent()
                && Duration.between(signingTime.get(), daticertTime.get()).abs().compareTo(policy.signingTimeTolerance()) > 0) {
            diags.add(diag(SignatureCode.SIG_TIME_MISMATCH, "/", "signingTime " + signingTime.get() + " and daticert time "
                    + daticertTime.get() + " differ by more than " + policy.signingTimeTolerance()));
        }
        SignerCertificate signer = read.decoded().description();
        boolean validAtTime = signer.validAt(time);
        if (!validAtTime) {
            diags.add(diag(SignatureCode.SIG_CERT_NOT_VALID_AT_TIME, "/", "the signer certificate was not valid at " + time
                    + " (" + basis.name().toLowerCase(Locale.ROOT) + ")"));
        } else if (clock.instant().isAfter(signer.notAfter())) {
            diags.add(diag(SignatureCode.SIG_CERT_EXPIRED_NOW, "/", "the signer certificate expired on " + signer.notAfter()
                    + "; it was valid at " + basis.name().toLowerCase(Locale.ROOT)));
        }
        Trust t = trust.evaluate(cert, read.certificates(), time);
        Optional<Instant> revoked = trust.revocation(cert).filter(r -> !r.isAfter(time));
        if (revoked.isPresent()) {
            diags.add(diag(SignatureCode.SIG_CERT_REVOKED, "/", "the signer certificate was revoked on " + revoked.get()));
            t = Trust.UNTRUSTED;
        }
        Verdict verdict;
        if (integrity == Integrity.VALID && !sha1Refused) {
            verdict = t == Trust.TRUSTED ? Verdict.VALID_TRUSTED : Verdict.VALID_UNTRUSTED_SIGNER;
            if (t == Trust.UNTRUSTED) {
                diags.add(diag(SignatureCode.SIG_UNTRUSTED_SIGNER, "/", "signer " + signer.subject() + " is not a trusted PEC provider"));
            } else if (t == Trust.UNKNOWN) {
                diags.add(diag(SignatureCode.SIG_NO_TRUST_CONFIGURED, "/", "no trust source configured: the signer cannot be trusted"));
            }
        } else if (integrity == Integrity.VALID) {
            verdict = Verdict.INVALID;
        } else {
            verdict = integrity == Integrity.INVALID ? Verdict.INVALID : Verdict.NOT_VERIFIABLE;
        }
        return new ProviderSignatureReport(verdict, integrity, t, Optional.of(signer), Optional.of(digest), Optional.of(sigAlg),
                signingTime, Optional.of(time), Optional.of(basis), Optional.of(validAtTime), onePass[0], diags);
    }

    private Trust baseTrust() {
        return trust.isEmpty() ? Trust.UNKNOWN : Trust.UNTRUSTED;
    }

    private ProviderSignatureReport notVerifiable(List<Diagnostic> diags) {
        return new ProviderSignatureReport(Verdict.NOT_VERIFIABLE, Integrity.NOT_VERIFIABLE, baseTrust(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, diags);
    }

    // ------------------------------------------------------------------ clear-signed

    private Read readDetached(PecMessage m, List<Diagnostic> diags, boolean[] onePass) throws IOException, CMSException, CertificateException {
        SignedLayout layout = m.signedLayout();
        if (layout.signature().isEmpty() || layout.signedContent().isEmpty()) {
            return null;
        }
        ByteRange sigRange = layout.signature().get();
        if (sigRange.length() > MAX_SIGNATURE_BYTES) {
            throw new CMSException("signature part larger than " + MAX_SIGNATURE_BYTES + " bytes");
        }
        byte[] encoded = m.raw().read(sigRange);
        byte[] der = decodeBase64(encoded);
        Optional<String> malformed = Asn1Guard.problem(der);
        if (malformed.isPresent()) {
            throw new CMSException("not parsed: " + malformed.get());
        }
        // Known certificates are not parsed again: Bouncy Castle reads the rest (see SignedDataCertificates).
        SignedDataCertificates.Split split = SignedDataCertificates.split(der);
        List<DecodedCertificates.Decoded> known = split == null ? null : DecodedCertificates.known(split.certificates());
        CMSSignedData parsed = new CMSSignedData(known == null ? der : split.rest());
        // The first signer's digest algorithm, read from the ASN.1 (Bouncy Castle's signer objects are made once,
        // below, from the same elements in the same order, so a malformed one fails there just the same).
        ASN1Set infos = SignedData.getInstance(parsed.toASN1Structure().getContent()).getSignerInfos();
        if (infos.size() == 0) {
            return null;
        }
        String digestOid = SignerInfo.getInstance(infos.getObjectAt(0)).getDigestAlgorithm().getAlgorithm().getId();
        Optional<ContentDigest> precomputed = layout.signedContentDigest()
                .filter(d -> normaliseDigest(d.algorithm()).equals(normaliseDigest(CmsAttributes.algorithmName(digestOid))));
        CMSSignedData withContent; // over the structure already parsed: the DER is read once
        if (precomputed.isPresent()) {
            withContent = new CMSSignedData(Map.of(digestOid, precomputed.get().bytes()), parsed.toASN1Structure());
            onePass[0] = true;
        } else {
            withContent = new CMSSignedData(new CanonicalContent(m, layout.signedContent().get()), parsed.toASN1Structure());
        }
        Collection<SignerInformation> signers = withContent.getSignerInfos().getSigners();
        SignerInformation si = signers.iterator().next();
        return known == null ? read(si, withContent.getCertificates(), signers.size()) : read(si, known, signers.size());
    }

    /** Base64 of a signature part, tolerant of line breaks and white space; DER passes through. */
    private static byte[] decodeBase64(byte[] encoded) {
        if (encoded.length > 0 && encoded[0] == 0x30) {
            return encoded; // a binary signature part
        }
        byte[] kept = new byte[encoded.length];
        int n = 0;
        for (byte b : encoded) {
            if (BASE64_KEPT[b & 0xFF]) {
                kept[n++] = b;
            }
        }
        return Base64.getDecoder().decode(java.util.Arrays.copyOf(kept, n));
    }

    /** The signer's certificate and the signature's certificates (decoded once per distinct certificate), checked. */
    private static Read read(SignerInformation si, Store<X509CertificateHolder> store, int signerCount)
            throws CMSException, CertificateException {
        List<X509Certificate> certs = new ArrayList<>();
        for (X509CertificateHolder h : store.getMatches(null)) {
            certs.add(DecodedCertificates.decode(h).certificate());
        }
        DecodedCertificates.Decoded signer = null;
        for (X509CertificateHolder h : store.getMatches(selector(si))) {
            signer = DecodedCertificates.decode(h);
            break;
        }
        if (signer == null) {
            throw new CMSException("the signer certificate is not included in the signature");
        }
        return new Read(si, signer, certs, check(si, signer), signerCount);
    }

    /** As {@link #read(SignerInformation, Store, int)} over certificates already decoded, in their order. */
    private static Read read(SignerInformation si, List<DecodedCertificates.Decoded> known, int signerCount) throws CMSException {
        List<X509Certificate> certs = new ArrayList<>(known.size());
        DecodedCertificates.Decoded signer = null;
        Selector<X509CertificateHolder> selector = selector(si);
        for (DecodedCertificates.Decoded d : known) {
            certs.add(d.certificate());
            if (signer == null && selector.match(d.holder())) {
                signer = d;
            }
        }
        if (signer == null) {
            throw new CMSException("the signer certificate is not included in the signature");
        }
        return new Read(si, signer, certs, check(si, signer), signerCount);
    }

    private static Integrity check(SignerInformation si, DecodedCertificates.Decoded cert) throws CMSException {
        try {
            // Built from the public key, not the certificate: validity at signing time is judged separately.
            return si.verify(cert.verifier()) ? Integrity.VALID : Integrity.INVALID;
        } catch (CMSSignerDigestMismatchException e) {
            return Integrity.INVALID;
        } catch (OperatorCreationException e) {
            throw new CMSException("unsupported signature algorithm: " + e.getMessage(), e);
        }
    }

    /** The signed content streamed from the raw message, line breaks canonicalised to CRLF (RFC 5751 3.1.1). */
    private static final class CanonicalContent implements CMSProcessable {
        private final PecMessage message;
        private final ByteRange range;

        CanonicalContent(PecMessage message, ByteRange range) {
            this.message = message;
            this.range = range;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            byte[] buf = new byte[64 * 1024];
            byte[] conv = new byte[buf.length * 2];
            int previous = -1;
            try (InputStream in = message.raw().open(range)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    int w = 0;
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n' && previous != '\r') {
                            conv[w++] = '\r';
                        }
                        conv[w++] = b;
                        previous = b;
                    }
                    out.write(conv, 0, w);
                }
            }
        }

        @Override
        public Object getContent() {
            throw new UnsupportedOperationException("streamed content");
        }
    }

    // ------------------------------------------------------------------ opaque

    private Read readOpaque(PecMessage m) throws IOException, CMSException, CertificateException {
        Optional<ByteRange> range = m.signedLayout().signature();
        if (range.isEmpty()) {
            return null;
        }
        try (InputStream raw = new BcDocumentVerifier.SourceStream(m.raw().open(range.get()));
                InputStream der = Base64.getMimeDecoder().wrap(new java.io.BufferedInputStream(raw, 64 * 1024))) {
            Optional<String> malformed = Asn1Guard.problem(new java.io.BufferedInputStream(der, 64 * 1024), Long.MAX_VALUE);
            if (malformed.isPresent()) {
                throw new CMSException("not parsed: " + malformed.get());
            }
        }
        try (InputStream raw = new BcDocumentVerifier.SourceStream(m.raw().open(range.get()));
                InputStream der = Base64.getMimeDecoder().wrap(new java.io.BufferedInputStream(raw, 64 * 1024))) {
            CMSSignedDataParser parser;
            try {
                parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), new java.io.BufferedInputStream(der, 64 * 1024));
            } catch (OperatorCreationException e) {
                throw new CMSException(e.getMessage(), e);
            }
            if (parser.getSignedContent() != null) {
                parser.getSignedContent().drain();
            }
            Collection<SignerInformation> signers = parser.getSignerInfos().getSigners();
            if (signers.isEmpty()) {
                return null;
            }
            return read(signers.iterator().next(), parser.getCertificates(), signers.size());
        }
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static Selector<X509CertificateHolder> selector(SignerInformation si) {
        return (Selector<X509CertificateHolder>) (Selector<?>) si.getSID();
    }

    static SignerCertificate describe(X509Certificate c) {
        Optional<Integer> bits = c.getPublicKey() instanceof RSAPublicKey rsa ? Optional.of(rsa.getModulus().bitLength())
                : c.getPublicKey() instanceof java.security.interfaces.ECPublicKey ec
                        ? Optional.of(ec.getParams().getOrder().bitLength()) : Optional.empty();
        return new SignerCertificate(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getSerialNumber().toString(16), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                c.getPublicKey().getAlgorithm(), bits, TrustMaterial.fingerprint(c, "SHA-256"), c);
    }

    static String normaliseDigest(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("\"", "").trim();
    }

    private static String message(Exception e) {
        String s = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static Diagnostic diag(DiagnosticCode code, String path, String message) {
        return Diagnostic.of(code, Location.part(path), message);
    }

    // ------------------------------------------------------------------ headers vs signed content

    /** Outer headers are not signed: compare them with the signed daticert, which wins. */
    private static void crossCheckHeaders(PecMessage m, List<Diagnostic> diags) {
        Optional<Daticert> dc = m.daticert();
        if (dc.isEmpty()) {
            return;
        }
        Daticert d = dc.get();
        // an anomalia too: a busta di anomalia states no tipo of its own, so a known one contradicts X-Trasporto: errore
        d.tipo().known().filter(k -> k != m.kind() && m.kind() != PecKind.NON_PEC).ifPresent(k -> diags.add(new Diagnostic(
                SignatureCode.SIG_HEADER_MISMATCH, Severity.ERROR, Location.header("/", m.kind().isReceipt() ? "X-Ricevuta" : "X-Trasporto"),
                "the headers say " + m.kind().id() + " but the signed daticert says " + k.id() + ": forgery suspect")));
        if (m.kind() == PecKind.ANOMALIA) {
            return;
        }
        if (m.kind() == PecKind.POSTA_CERTIFICATA) {
            m.headers().first("From").map(PER_CONTO_DI::matcher).filter(java.util.regex.Matcher::find).map(x -> x.group(1).trim())
                    .filter(claimed -> !claimed.equalsIgnoreCase(d.mittente()))
                    .ifPresent(claimed -> diags.add(new Diagnostic(SignatureCode.SIG_HEADER_MISMATCH, Severity.WARNING,
                            Location.header("/", "From"),
                            "From says '" + claimed + "' but the signed daticert mittente is '" + d.mittente() + "'")));
        }
        if (m.kind() == PecKind.POSTA_CERTIFICATA) {
            java.util.Set<String> headerRecipients = new java.util.TreeSet<>();
            for (String h : List.of("To", "Cc")) {
                for (String v : m.headers().all(h)) {
                    java.util.regex.Matcher am = ADDRESS.matcher(v);
                    while (am.find()) {
                        headerRecipients.add(am.group().toLowerCase(Locale.ROOT));
                    }
                }
            }
            java.util.Set<String> signed = new java.util.TreeSet<>();
            d.destinatari().forEach(x -> signed.add(x.indirizzo().trim().toLowerCase(Locale.ROOT)));
            if (!headerRecipients.isEmpty() && !signed.isEmpty() && !signed.containsAll(headerRecipients)) {
                java.util.Set<String> extra = new java.util.TreeSet<>(headerRecipients);
                extra.removeAll(signed);
                diags.add(new Diagnostic(SignatureCode.SIG_HEADER_MISMATCH, Severity.WARNING, Location.header("/", "To"),
                        "recipients in To/Cc not among the signed daticert destinatari: " + extra));
            }
        }
        m.correlation().riferimentoMessageId().ifPresent(r -> d.msgidNormalised().filter(x -> !x.equals(r)).ifPresent(x ->
                diags.add(new Diagnostic(SignatureCode.SIG_HEADER_MISMATCH, Severity.WARNING,
                        Location.header("/", "X-Riferimento-Message-ID"),
                        "X-Riferimento-Message-ID differs from the signed daticert msgid; the msgid is authoritative"))));
    }
}
