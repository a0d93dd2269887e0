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
