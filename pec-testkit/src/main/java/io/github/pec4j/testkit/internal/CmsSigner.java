package io.github.pec4j.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** CMS SignedData as PEC providers make it: SHA-256 with RSA, signingTime, certificates included. */
public final class CmsSigner {
    private CmsSigner() {}

    /** Content produced by a writer, so large content is streamed into the digest. */
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Signs the content; the signature is detached unless {@code encapsulate}. Returns the DER
     * encoding of the ContentInfo.
     */
    public static byte[] sign(ContentWriter content, boolean encapsulate, X509Certificate signer, PrivateKey key,
            List<X509Certificate> chain, Instant signingTime) throws IOException {
        try {
            ASN1EncodableVector attrs = new ASN1EncodableVector();
            attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key), signer));
            gen.addCertificates(new JcaCertStore(chain));
            CMSTypedData data = new CMSTypedData() {
                @Override
                public ASN1ObjectIdentifier getContentType() {
                    return CMSObjectIdentifiers.data;
                }

                @Override
                public void write(OutputStream out) throws IOException {
                    content.writeTo(out);
                }

                @Override
                public Object getContent() {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    try {
                        content.writeTo(bytes);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return bytes.toByteArray();
                }
            };
            CMSSignedData signed = gen.generate(data, encapsulate);
            return signed.getEncoded("DER");
        } catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
            throw new IOException("cannot sign test fixture", e);
        }
    }
}
