package io.github.pec4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signed documents as citizens and offices send them: CAdES-BES {@code .p7m} (DER or BER), detached
 * {@code .p7s}, and their base64 and PEM renderings, signed by {@link TestPki#signerCertificate()}
 * (a qualified-looking certificate with a codice fiscale) unless another signer is given.
 * Deterministic for a given clock and PKI.
 */
public final class SignedDocuments {
    private final TestPki pki;
    private final Clock clock;

    private SignedDocuments(TestPki pki, Clock clock) {
        this.pki = pki;
        this.clock = clock;
    }

    /** Documents signed with the shared PKI at {@link PecFixtures#DEFAULT_CLOCK}. */
    public static SignedDocuments create() {
        return new SignedDocuments(TestPki.shared(), PecFixtures.DEFAULT_CLOCK);
    }

    /** Documents signed with this PKI at this clock's instant. */
    public static SignedDocuments create(TestPki pki, Clock clock) {
        return new SignedDocuments(Objects.requireNonNull(pki, "pki"), Objects.requireNonNull(clock, "clock"));
    }

    /** A CAdES-BES {@code .p7m}: DER, content encapsulated, signingTime and signingCertificateV2 signed. */
    public byte[] cades(byte[] content) {
        return sign(content, true, pki.signerCertificate(), pki.signerKey(), "SHA256withRSA");
    }

    /** The same signed by another certificate and key (e.g. {@link TestPki#otherCertificate()}). */
    public byte[] cades(byte[] content, X509Certificate signer, PrivateKey key) {
        return sign(content, true, signer, key, "SHA256withRSA");
    }

    /** A CAdES {@code .p7m} with a SHA-1 digest, as old documents have. */
    public byte[] cadesSha1(byte[] content) {
        return sign(content, true, pki.signerCertificate(), pki.signerKey(), "SHA1withRSA");
    }

    /** A detached CAdES signature ({@code .p7s}) over {@code content}. */
    public byte[] detached(byte[] content) {
        return sign(content, false, pki.signerCertificate(), pki.signerKey(), "SHA256withRSA");
    }

    /** A {@code .p7m} written with BER indefinite lengths, as streaming signers produce it. */
    public byte[] cadesBer(byte[] content) {
        try {
            CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
            gen.addSignerInfoGenerator(signerInfo(pki.signerCertificate(), pki.signerKey(), "SHA256withRSA"));
            gen.addCertificates(new JcaCertStore(List.of(pki.signerCertificate(), pki.caCertificate())));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = gen.open(bytes, true)) {
                out.write(content);
            }
            return bytes.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign test document", e);
        }
    }

    /** An RFC 3161 time-stamp token (DER) over {@code imprint}, a SHA-256 digest, at the clock's instant. */
    public byte[] timestampToken(byte[] sha256Imprint) {
        return timestampResponse(sha256Imprint, false);
    }

    /** A full RFC 3161 time-stamp response (DER) over {@code imprint}, a SHA-256 digest. */
    public byte[] timestampResponse(byte[] sha256Imprint) {
        return timestampResponse(sha256Imprint, true);
    }

    private byte[] timestampResponse(byte[] imprint, boolean fullResponse) {
        try {
            org.bouncycastle.tsp.TimeStampTokenGenerator gen = new org.bouncycastle.tsp.TimeStampTokenGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(pki.tsaKey()), pki.tsaCertificate()),
                    new JcaDigestCalculatorProviderBuilder().build().get(
                            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
                    new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
            gen.addCertificates(new JcaCertStore(List.of(pki.tsaCertificate())));
            org.bouncycastle.tsp.TimeStampRequestGenerator requests = new org.bouncycastle.tsp.TimeStampRequestGenerator();
            requests.setCertReq(true); // the token carries the TSA certificate
            org.bouncycastle.tsp.TimeStampRequest request = requests.generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, imprint,
                    java.math.BigInteger.valueOf(42));
            org.bouncycastle.tsp.TimeStampResponse response = new org.bouncycastle.tsp.TimeStampResponseGenerator(gen,
                    org.bouncycastle.tsp.TSPAlgorithms.ALLOWED).generate(request, java.math.BigInteger.valueOf(7), Date.from(clock.instant()));
            return fullResponse ? response.getEncoded() : response.getTimeStampToken().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot time-stamp test document", e);
        }
    }

    /** A CAdES-T {@code .p7m}: the CAdES-BES signature with a signature time-stamp over its signature value. */
    public byte[] cadesT(byte[] content) {
        try {
            org.bouncycastle.cms.CMSSignedData signed = new org.bouncycastle.cms.CMSSignedData(cades(content));
            List<org.bouncycastle.cms.SignerInformation> stamped = new java.util.ArrayList<>();
            for (org.bouncycastle.cms.SignerInformation si : signed.getSignerInfos().getSigners()) {
                byte[] imprint = MessageDigest.getInstance("SHA-256").digest(si.getSignature());
                org.bouncycastle.asn1.cms.ContentInfo token = org.bouncycastle.asn1.cms.ContentInfo.getInstance(timestampToken(imprint));
                ASN1EncodableVector v = new ASN1EncodableVector();
                v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(token)));
                stamped.add(org.bouncycastle.cms.SignerInformation.replaceUnsignedAttributes(si, new AttributeTable(v)));
            }
            return org.bouncycastle.cms.CMSSignedData.replaceSigners(signed, new org.bouncycastle.cms.SignerInformationStore(stamped))
                    .getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException("cannot time-stamp test document", e);
        }
    }

    /**
     * An {@code .m7m}: a MIME multipart holding the {@code .p7m} and an RFC 3161 response whose imprint
     * is the SHA-256 of the p7m bytes.
     */
    public byte[] m7m(byte[] content) {
        try {
            byte[] p7m = cades(content);
            byte[] tsr = timestampResponse(MessageDigest.getInstance("SHA-256").digest(p7m));
            String b = "----=_m7m_boundary";
            String mime = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n"
                    + "--" + b + "\r\nContent-Type: application/pkcs7-mime; name=\"documento.p7m\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString(p7m) + "\r\n"
                    + "--" + b + "\r\nContent-Type: application/timestamp-reply; name=\"documento.tsr\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString(tsr) + "\r\n--" + b + "--\r\n";
            return mime.getBytes(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test m7m", e);
        }
    }

    /** An RFC 5544 {@code .tsd} holding {@code content} (which may itself be a p7m), time-stamped over its SHA-256. */
    public byte[] tsd(byte[] content, String fileName, String mediaType) {
        try {
            byte[] token = timestampToken(MessageDigest.getInstance("SHA-256").digest(content));
            org.bouncycastle.tsp.cms.CMSTimeStampedDataGenerator gen = new org.bouncycastle.tsp.cms.CMSTimeStampedDataGenerator();
            gen.setMetaData(false, fileName, mediaType);
            return gen.generate(new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token)), content).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test tsd", e);
        }
    }

    /** Base64 with line breaks, as SdI and many mail clients deliver {@code .p7m} files. */
    public static byte[] base64(byte[] der) {
        return Base64.getMimeEncoder().encode(der);
    }

    /** PEM ({@code -----BEGIN PKCS7-----}). */
    public static byte[] pem(byte[] der) {
        return ("-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END PKCS7-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] sign(byte[] content, boolean encapsulate, X509Certificate signer, PrivateKey key, String algorithm) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(signerInfo(signer, key, algorithm));
            gen.addCertificates(new JcaCertStore(List.of(signer, pki.caCertificate())));
            return gen.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign test document", e);
        }
    }

    private SignerInfoGenerator signerInfo(X509Certificate signer, PrivateKey key, String algorithm) throws Exception {
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
        byte[] certHash = MessageDigest.getInstance("SHA-256").digest(signer.getEncoded());
        attrs.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(certHash)))));
        return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                .build(new JcaContentSignerBuilder(algorithm).build(key), signer);
    }

}
