package io.github.pec4j.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS SignedData as PEC providers make it: SHA-256 with RSA, signingTime, certificates included.
 * Only the JDK's default JCA providers are used (no Bouncy Castle provider registration).
 */
public final class CmsSigner {
    private CmsSigner() {}

    /** Content produced by a writer, so large content is streamed into the digest. */
    @FunctionalInterface
    public interface ContentWriter {
        /** Writes the content to {@code out}, which must not be closed. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Signs the content and returns the DER encoding of the ContentInfo. A detached signature
     * streams the content through the digest in constant memory; an encapsulating one
     * ({@code encapsulate}, the opaque {@code smime.p7m} form) holds the content in memory.
     */
    public static byte[] sign(ContentWriter content, boolean encapsulate, X509Certificate signer, PrivateKey key,
            List<X509Certificate> chain, Instant signingTime) throws IOException {
        try {
            if (encapsulate) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                content.writeTo(bytes);
                CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
                gen.addSignerInfoGenerator(signerInfo(signer, key, signingTime));
                gen.addCertificates(new JcaCertStore(chain));
                return gen.generate(new CMSProcessableByteArray(bytes.toByteArray()), true).getEncoded("DER");
            }
            CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
            gen.addSignerInfoGenerator(signerInfo(signer, key, signingTime));
            gen.addCertificates(new JcaCertStore(chain));
            ByteArrayOutputStream ber = new ByteArrayOutputStream();
            try (OutputStream digest = gen.open(ber, false)) {
                content.writeTo(digest);
            }
            return new CMSSignedData(ber.toByteArray()).getEncoded("DER"); // the streamed form is BER
        } catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
            throw new IOException("cannot sign test fixture", e);
        }
    }

    private static SignerInfoGenerator signerInfo(X509Certificate signer, PrivateKey key, Instant signingTime)
            throws OperatorCreationException, CertificateEncodingException {
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
        return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key), signer);
    }
}
