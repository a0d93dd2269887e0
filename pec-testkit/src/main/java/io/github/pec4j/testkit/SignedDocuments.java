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

    /**
     * Documents signed with the shared PKI at {@link PecFixtures#DEFAULT_CLOCK}.
     *
     * @return the factory
     */
    public static SignedDocuments create() {
        return new SignedDocuments(TestPki.shared(), PecFixtures.DEFAULT_CLOCK);
    }

    /**
     * Documents signed with this PKI at this clock's instant.
     *
     * @param pki the PKI whose signer signs
     * @param clock the clock whose instant is the signing time
     * @return the factory
     */
    public static SignedDocuments create(TestPki pki, Clock clock) {
        return new SignedDocuments(Objects.requireNonNull(pki, "pki"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * A CAdES-BES {@code .p7m}: DER, content encapsulated, signingTime and signingCertificateV2 signed.
     *
     * @param content the document to sign
     * @return a CAdES-BES {@code .p7m}: DER, content encapsulated, signingTime and signingCertificateV2 signed
     */
    public byte[] cades(byte[] content) {
        return sign(content, true, pki.signerCertificate(), pki.signerKey(), "SHA256withRSA");
    }

    /**
     * The same signed by another certificate and key (e.g. {@link TestPki#otherCertificate()}).
     *
     * @param content the document to sign
     * @param signer the signer's certificate
     * @param key its private key
     * @return the CAdES p7m's bytes
     */
    public byte[] cades(byte[] content, X509Certificate signer, PrivateKey key) {
        return sign(content, true, signer, key, "SHA256withRSA");
    }

    /**
     * A CAdES {@code .p7m} with a SHA-1 digest, as old documents have.
     *
     * @param content the document to sign
     * @return a CAdES {@code .p7m} with a SHA-1 digest, as old documents have
     */
    public byte[] cadesSha1(byte[] content) {
        return sign(content, true, pki.signerCertificate(), pki.signerKey(), "SHA1withRSA");
    }

    /**
     * A detached CAdES signature ({@code .p7s}) over {@code content}.
     *
     * @param content the document to sign
     * @return a detached CAdES signature ({@code .p7s}) over {@code content}
     */
    public byte[] detached(byte[] content) {
        return sign(content, false, pki.signerCertificate(), pki.signerKey(), "SHA256withRSA");
    }

    /**
     * A mail clear-signed by its sender with S/MIME (RFC 8551 §3.5), as a mail client signs it: {@code headers} (each
     * line ending in CRLF, without {@code MIME-Version} and {@code Content-Type}), then a {@code multipart/signed} whose
     * first part is {@code bodyPart} (a MIME entity, its own headers included, CRLF line breaks) and whose second part
     * is {@code smime.p7s}, a detached signature over exactly those bytes.
     *
     * @param headers the mail's header lines, each ending in CRLF
     * @param bodyPart the signed MIME entity
     * @return the whole mail, CRLF line breaks
     */
    public byte[] clearSignedMail(String headers, byte[] bodyPart) {
        String signature = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(detached(bodyPart));
        String head = headers + "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                + "micalg=sha-256; boundary=\"----=_smime_sig\"\r\n\r\nThis is an S/MIME signed message\r\n\r\n------=_smime_sig\r\n";
        String tail = "\r\n------=_smime_sig\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n"
                + signature + "\r\n\r\n------=_smime_sig--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bodyPart);
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * A mail signed by its sender with S/MIME in opaque form (RFC 8551 §3.4.2, {@code smime.p7m} signed-data, as some
     * clients and Outlook exports write it): {@code headers} (each line ending in CRLF, without {@code MIME-Version} and
     * {@code Content-Type}), then a base64 {@code application/pkcs7-mime} body encapsulating {@code bodyPart}.
     *
     * @param headers the mail's header lines, each ending in CRLF
     * @param bodyPart the signed MIME entity
     * @return the whole mail, CRLF line breaks
     */
    public byte[] opaqueSignedMail(String headers, byte[] bodyPart) {
        String p7m = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(cades(bodyPart));
        return (headers + "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n" + p7m + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A mail its sender encrypted with S/MIME (RFC 8551 §3.3, {@code smime.p7m} enveloped-data) to {@link
     * TestPki#signerCertificate()}: {@code headers} (each line ending in CRLF, without {@code MIME-Version} and {@code
     * Content-Type}), then a base64 {@code application/pkcs7-mime; smime-type=enveloped-data} body. Nobody but the holder
     * of that certificate's key can read it.
     *
     * @param headers the mail's header lines, each ending in CRLF
     * @param bodyPart the encrypted MIME entity
     * @return the whole mail, CRLF line breaks
     */
    public byte[] encryptedMail(String headers, byte[] bodyPart) {
        try {
            org.bouncycastle.cms.CMSEnvelopedDataGenerator gen = new org.bouncycastle.cms.CMSEnvelopedDataGenerator();
            gen.addRecipientInfoGenerator(new org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator(pki.signerCertificate()));
            byte[] der = gen.generate(new CMSProcessableByteArray(bodyPart),
                    new org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder(org.bouncycastle.cms.CMSAlgorithm.AES128_CBC).build()).getEncoded();
            String p7m = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(der);
            return (headers + "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n" + p7m + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /**
     * A {@code .p7m} written with BER indefinite lengths, as streaming signers produce it.
     *
     * @param content the document to sign
     * @return a {@code .p7m} written with BER indefinite lengths, as streaming signers produce it
     */
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

    /**
     * An RFC 3161 time-stamp token (DER) over {@code imprint}, a SHA-256 digest, at the clock's instant.
     *
     * @param sha256Imprint the SHA-256 digest to time-stamp
     * @return an RFC 3161 time-stamp token (DER) over {@code imprint}, a SHA-256 digest, at the clock's instant
     */
    public byte[] timestampToken(byte[] sha256Imprint) {
        return timestampResponse(sha256Imprint, false);
    }

    /**
     * A full RFC 3161 time-stamp response (DER) over {@code imprint}, a SHA-256 digest.
     *
     * @param sha256Imprint the SHA-256 digest to time-stamp
     * @return a full RFC 3161 time-stamp response (DER) over {@code imprint}, a SHA-256 digest
     */
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

    /**
     * A CAdES-T {@code .p7m}: the CAdES-BES signature with a signature time-stamp over its signature value.
     *
     * @param content the document to sign
     * @return a CAdES-T {@code .p7m}: the CAdES-BES signature with a signature time-stamp over its signature value
     */
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
     *
     * @param content the document to sign
     * @return an {@code .m7m}: a MIME multipart holding the {@code .p7m} and an RFC 3161 response whose imprint is
     *     the SHA-256 of the p7m bytes
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

    /**
     * An RFC 5544 {@code .tsd} holding {@code content} (which may itself be a p7m), time-stamped over its SHA-256.
     *
     * @param content the document to sign
     * @param fileName the content's file name
     * @param mediaType the content's media type
     * @return an RFC 5544 {@code .tsd} holding {@code content} (which may itself be a p7m), time-stamped over its
     *     SHA-256
     */
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

    /**
     * A small PAdES PDF: one page, a signature field whose {@code /Contents} holds a detached CAdES
     * signature ({@code ETSI.CAdES.detached}) over the whole file but the contents, as {@code /ByteRange} says.
     *
     * @return a small PAdES PDF: one page, a signature field whose {@code /Contents} holds a detached CAdES signature
     *     ({@code ETSI.CAdES.detached}) over the whole file but the contents, as {@code /ByteRange} says
     */
    public byte[] pades() {
        String placeholder = "0".repeat(16384);
        String head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>\nendobj\n"
                + "4 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V 5 0 R /P 3 0 R /T (Firma1) >>\nendobj\n"
                + "5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 AAAAAAAAAA BBBBBBBBBB CCCCCCCCCC] /Contents <";
        String tail = "> /M (D:20240315101530+01'00') >>\nendobj\n"
                + "xref\n0 6\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        int contentsStart = h.length - 1; // the '<'
        int contentsEnd = contentsStart + 1 + placeholder.length() + 1; // after the '>'
        int total = contentsEnd + tail.length() - 1;
        String range = String.format(java.util.Locale.ROOT, "%-10d %-10d %-10d", contentsStart, contentsEnd, total - contentsEnd);
        String filledHead = head.replace("AAAAAAAAAA BBBBBBBBBB CCCCCCCCCC", range);
        byte[] pdf = (filledHead + placeholder + tail).getBytes(StandardCharsets.ISO_8859_1);
        byte[] signed = new byte[contentsStart + (pdf.length - contentsEnd)];
        System.arraycopy(pdf, 0, signed, 0, contentsStart);
        System.arraycopy(pdf, contentsEnd, signed, contentsStart, pdf.length - contentsEnd);
        String hex = java.util.HexFormat.of().formatHex(detached(signed));
        if (hex.length() > placeholder.length()) {
            throw new IllegalStateException("signature larger than the placeholder");
        }
        byte[] hexBytes = hex.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hexBytes, 0, pdf, contentsStart + 1, hexBytes.length);
        return pdf;
    }

    /**
     * An XML document with an enveloped XML-DSig signature (RSA-SHA256, exclusive canonicalisation,
     * the signer certificate in {@code KeyInfo}), as a sealed segnatura carries one.
     *
     * @param xml the XML document to sign
     * @return an XML document with an enveloped XML-DSig signature (RSA-SHA256, exclusive canonicalisation, the
     *     signer certificate in {@code KeyInfo}), as a sealed segnatura carries one
     */
    public byte[] xmlSignature(String xml) {
        try {
            javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            org.w3c.dom.Document doc = dbf.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            javax.xml.crypto.dsig.XMLSignatureFactory f = javax.xml.crypto.dsig.XMLSignatureFactory.getInstance("DOM");
            javax.xml.crypto.dsig.Reference ref = f.newReference("", f.newDigestMethod(javax.xml.crypto.dsig.DigestMethod.SHA256, null),
                    List.of(f.newTransform(javax.xml.crypto.dsig.Transform.ENVELOPED, (javax.xml.crypto.dsig.spec.TransformParameterSpec) null),
                            f.newTransform(javax.xml.crypto.dsig.CanonicalizationMethod.EXCLUSIVE, (javax.xml.crypto.dsig.spec.TransformParameterSpec) null)),
                    null, null);
            javax.xml.crypto.dsig.SignedInfo si = f.newSignedInfo(
                    f.newCanonicalizationMethod(javax.xml.crypto.dsig.CanonicalizationMethod.EXCLUSIVE, (javax.xml.crypto.dsig.spec.C14NMethodParameterSpec) null),
                    f.newSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", null), List.of(ref));
            javax.xml.crypto.dsig.keyinfo.KeyInfoFactory kif = f.getKeyInfoFactory();
            javax.xml.crypto.dsig.keyinfo.KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(pki.signerCertificate()))));
            f.newXMLSignature(si, ki).sign(new javax.xml.crypto.dsig.dom.DOMSignContext(pki.signerKey(), doc.getDocumentElement()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.transform(new javax.xml.transform.dom.DOMSource(doc), new javax.xml.transform.stream.StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign test XML", e);
        }
    }

    /**
     * Base64 with line breaks, as SdI and many mail clients deliver {@code .p7m} files.
     *
     * @param der the DER bytes
     * @return the Base64 text as bytes
     */
    public static byte[] base64(byte[] der) {
        return Base64.getMimeEncoder().encode(der);
    }

    /**
     * PEM ({@code -----BEGIN PKCS7-----}).
     *
     * @param der the DER bytes
     * @return the PEM text as bytes
     */
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
