package io.github.pec4j.segnatura.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An enveloped XAdES Baseline-B signature (ETSI EN 319 132-1) made with the JDK's XML-DSig (JSR 105): the whole
 * document (enveloped-signature + exclusive C14N) and the {@code xades:SignedProperties} (SigningTime,
 * SigningCertificateV2, DataObjectFormat) are signed with SHA-256, the certificate chain goes in KeyInfo.
 */
final class XadesSigner {
    static final String SIGNATURE_ID = "segnatura-signature";
    static final String SIGNED_PROPERTIES_ID = "segnatura-signed-properties";
    static final String DOCUMENT_REFERENCE_ID = "segnatura-reference";
    static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";

    private XadesSigner() {}

    /** Appends the signature as the last child of the document element. */
    static void sign(Document doc, PrivateKey key, List<X509Certificate> chain, Instant signingTime)
            throws GeneralSecurityException, javax.xml.crypto.MarshalException, javax.xml.crypto.dsig.XMLSignatureException {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        DigestMethod sha256 = f.newDigestMethod(DigestMethod.SHA256, null);
        Reference document = f.newReference("", sha256,
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                null, DOCUMENT_REFERENCE_ID);
        Reference properties = f.newReference("#" + SIGNED_PROPERTIES_ID, sha256,
                List.of(f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), SIGNED_PROPERTIES_TYPE, null);
        SignedInfo signedInfo = f.newSignedInfo(
                f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(signatureMethod(key), null), List.of(document, properties));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        KeyInfo keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(new ArrayList<Object>(chain))));
        Element qualifying = qualifyingProperties(doc, chain.get(0), signingTime);
        Element signedProperties = (Element) qualifying.getFirstChild();
        XMLObject object = f.newXMLObject(List.of(new DOMStructure(qualifying)), null, null, null);
        XMLSignature signature = f.newXMLSignature(signedInfo, keyInfo, List.of(object), SIGNATURE_ID, null);
        DOMSignContext ctx = new DOMSignContext(key, doc.getDocumentElement());
        ctx.setDefaultNamespacePrefix("ds");
        ctx.setIdAttributeNS(signedProperties, null, "Id");
        signature.sign(ctx);
        // the JDK wraps base64 at 76 columns with CR LF (serialised as &#13;); neither text is covered by a reference
        for (String unwrapped : List.of("SignatureValue", "X509Certificate")) {
            org.w3c.dom.NodeList nodes = doc.getElementsByTagNameNS(Namespaces.DS, unwrapped);
            for (int i = 0; i < nodes.getLength(); i++) {
                nodes.item(i).setTextContent(nodes.item(i).getTextContent().replaceAll("\\s", ""));
            }
        }
    }

    private static String signatureMethod(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> SignatureMethod.RSA_SHA256;
            case "EC" -> SignatureMethod.ECDSA_SHA256;
            default -> throw new IllegalArgumentException("a seal key must be RSA or EC, not " + key.getAlgorithm());
        };
    }

    private static Element qualifyingProperties(Document doc, X509Certificate cert, Instant signingTime)
            throws GeneralSecurityException {
        String x = Namespaces.XADES;
        Element qp = doc.createElementNS(x, "xades:QualifyingProperties");
        qp.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xades", x);
        qp.setAttributeNS(null, "Target", "#" + SIGNATURE_ID);
        Element sp = append(doc, qp, x, "xades:SignedProperties");
        sp.setAttributeNS(null, "Id", SIGNED_PROPERTIES_ID);
        Element ssp = append(doc, sp, x, "xades:SignedSignatureProperties");
        append(doc, ssp, x, "xades:SigningTime").setTextContent(
                DateTimeFormatter.ISO_INSTANT.format(signingTime.truncatedTo(ChronoUnit.SECONDS)));
        Element certEl = append(doc, append(doc, ssp, x, "xades:SigningCertificateV2"), x, "xades:Cert");
        Element digest = append(doc, certEl, x, "xades:CertDigest");
        Element method = append(doc, digest, Namespaces.DS, "ds:DigestMethod");
        method.setAttributeNS(null, "Algorithm", DigestMethod.SHA256);
        append(doc, digest, Namespaces.DS, "ds:DigestValue").setTextContent(
                Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
        append(doc, certEl, x, "xades:IssuerSerialV2").setTextContent(Base64.getEncoder().encodeToString(issuerSerial(cert)));
        Element format = append(doc, append(doc, sp, x, "xades:SignedDataObjectProperties"), x, "xades:DataObjectFormat");
        format.setAttributeNS(null, "ObjectReference", "#" + DOCUMENT_REFERENCE_ID);
        append(doc, format, x, "xades:MimeType").setTextContent("text/xml");
        return qp;
    }

    private static Element append(Document doc, Element parent, String ns, String qname) {
        Element e = doc.createElementNS(ns, qname);
        parent.appendChild(e);
        return e;
    }

    /**
     * DER of RFC 5035 {@code IssuerSerial}: {@code SEQUENCE { GeneralNames { [4] Name }, INTEGER serial }}, as
     * {@code xades:IssuerSerialV2} wants it.
     */
    static byte[] issuerSerial(X509Certificate cert) {
        byte[] name = cert.getIssuerX500Principal().getEncoded();
        BigInteger serial = cert.getSerialNumber();
        return der(0x30, der(0x30, der(0xA4, name)), der(0x02, serial.toByteArray()));
    }

    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = body.size();
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
