package io.github.pec4j.segnatura.internal;

import io.github.pec4j.segnatura.SignatureStatus;
import io.github.pec4j.signature.Trust;
import io.github.pec4j.signature.TrustStore;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies the enveloped XAdES signature of a segnatura with the JDK's XML-DSig under secure validation: one
 * {@code ds:Signature}, last child of the root; a reference to the whole document (enveloped-signature and
 * canonicalisation transforms only); a reference to its own {@code xades:SignedProperties}; a signing certificate in
 * KeyInfo matching {@code SigningCertificateV2} (or v1); references resolved only inside the document.
 */
final class XadesVerifier {
    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.INCLUSIVE,
            CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS, "http://www.w3.org/2006/12/xml-c14n11");

    private XadesVerifier() {}

    /**
     * The outcome.
     *
     * @param status the verdict
     * @param signer the signing certificate, when one was found
     * @param signingTime the claimed {@code xades:SigningTime}, when readable
     * @param detail why, for people
     */
    record Result(SignatureStatus status, Optional<X509Certificate> signer, Optional<Instant> signingTime, String detail) {}

    static Result verify(Document doc, TrustStore trust, Instant now) {
        NodeList all = doc.getElementsByTagNameNS(Namespaces.DS, "Signature");
        if (all.getLength() == 0) {
            return invalidOrMissing(SignatureStatus.MISSING, null, "no ds:Signature");
        }
        if (all.getLength() > 1) {
            return invalidOrMissing(SignatureStatus.INVALID, null, all.getLength() + " ds:Signature elements, one expected");
        }
        Element sig = (Element) all.item(0);
        Element root = doc.getDocumentElement();
        if (sig.getParentNode() != root || nextElement(sig) != null) {
            return invalidOrMissing(SignatureStatus.INVALID, null, "the ds:Signature is not the last child of the root element");
        }
        DOMValidateContext ctx;
        X509Certificate[] signer = new X509Certificate[1];
        try {
            ctx = new DOMValidateContext(new KeySelector() {
                @Override
                public KeySelectorResult select(@Nullable KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                        XMLCryptoContext context) throws KeySelectorException {
                    X509Certificate s = signer[0];
                    if (s == null) {
                        throw new KeySelectorException("no signing certificate");
                    }
                    Key k = s.getPublicKey();
                    return () -> k;
                }
            }, sig);
        } catch (RuntimeException e) {
            return invalidOrMissing(SignatureStatus.INVALID, null, "unusable signature: " + e.getMessage());
        }
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        URIDereferencer standard = factory.getURIDereferencer();
        ctx.setURIDereferencer((uriReference, context) -> {
            String uri = uriReference.getURI();
            if (uri == null || !(uri.isEmpty() || uri.matches("#[A-Za-z_][\\w.\\-]*"))) {
                throw new URIReferenceException("only same-document references are resolved: " + uri);
            }
            return standard.dereference(uriReference, context);
        });
        Element signedProperties = null;
        Set<String> ids = new HashSet<>();
        for (Element e : descendants(root)) {
            if (e.hasAttributeNS(null, "Id") && !ids.add(e.getAttributeNS(null, "Id"))) {
                return invalidOrMissing(SignatureStatus.INVALID, null, "duplicate Id '" + e.getAttributeNS(null, "Id") + "'");
            }
        }
        for (Element e : descendants(sig)) {
            if (e.hasAttributeNS(null, "Id")) {
                ctx.setIdAttributeNS(e, null, "Id");
            }
            if (Namespaces.XADES.equals(e.getNamespaceURI()) && "SignedProperties".equals(e.getLocalName())) {
                signedProperties = e;
            }
        }
        if (signedProperties == null) {
            return invalidOrMissing(SignatureStatus.INVALID, null, "not XAdES: no xades:SignedProperties in the signature");
        }
        try {
            XMLSignature xml = factory.unmarshalXMLSignature(ctx);
            List<X509Certificate> certs = certificates(xml.getKeyInfo());
            signer[0] = signingCertificate(signedProperties, certs);
            if (signer[0] == null) {
                return invalidOrMissing(SignatureStatus.INVALID, null,
                        "no KeyInfo certificate matches the xades:SigningCertificateV2 (or SigningCertificate) digest");
            }
            String coverage = coverage(xml.getSignedInfo().getReferences(), signedProperties);
            if (coverage != null) {
                return invalidOrMissing(SignatureStatus.INVALID, signer[0], coverage);
            }
            Optional<Instant> time = signingTime(signedProperties);
            if (!xml.validate(ctx)) {
                return new Result(SignatureStatus.INVALID, Optional.of(signer[0]), time, "the signature does not verify: " + failed(xml, ctx));
            }
            List<X509Certificate> others = new ArrayList<>(certs);
            others.remove(signer[0]);
            Trust t = trust.evaluate(signer[0], others, now);
            return t == Trust.TRUSTED
                    ? new Result(SignatureStatus.VALID, Optional.of(signer[0]), time, "valid, signer trusted")
                    : new Result(SignatureStatus.UNTRUSTED, Optional.of(signer[0]), time,
                            t == Trust.UNKNOWN ? "valid, but no trust source is configured" : "valid, but the signer is not trusted");
        } catch (Exception e) {
            return invalidOrMissing(SignatureStatus.INVALID, signer[0], "unusable signature: " + e.getMessage());
        }
    }

    private static Result invalidOrMissing(SignatureStatus status, @Nullable X509Certificate signer, String detail) {
        return new Result(status, Optional.ofNullable(signer), Optional.empty(), detail);
    }

    /** Null when the references cover the whole document and the signed properties; otherwise what is wrong. */
    private static @Nullable String coverage(List<Reference> references, Element signedProperties) {
        boolean whole = false;
        boolean props = false;
        String propsId = signedProperties.getAttributeNS(null, "Id");
        for (Reference r : references) {
            String uri = r.getURI() == null ? "" : r.getURI();
            for (Transform t : r.getTransforms()) {
                if (!TRANSFORMS.contains(t.getAlgorithm())) {
                    return "a reference uses the transform " + t.getAlgorithm();
                }
            }
            if (uri.isEmpty()) {
                whole = r.getTransforms().stream().anyMatch(t -> Transform.ENVELOPED.equals(t.getAlgorithm()));
            } else if (XadesSigner.SIGNED_PROPERTIES_TYPE.equals(r.getType()) && uri.equals("#" + propsId) && !propsId.isEmpty()) {
                props = true;
            }
        }
        if (!whole) {
            return "no enveloped reference to the whole document (URI=\"\")";
        }
        return props ? null : "not XAdES: the xades:SignedProperties are not signed";
    }

    private static String failed(XMLSignature xml, DOMValidateContext ctx) {
        List<String> out = new ArrayList<>();
        try {
            if (!xml.getSignatureValue().validate(ctx)) {
                out.add("signature value");
            }
            for (Reference r : xml.getSignedInfo().getReferences()) {
                if (!r.validate(ctx)) {
                    out.add("digest of reference '" + r.getURI() + "'");
                }
            }
        } catch (Exception e) {
            out.add(e.getMessage());
        }
        return String.join(", ", out);
    }

    private static List<X509Certificate> certificates(@Nullable KeyInfo keyInfo) {
        List<X509Certificate> out = new ArrayList<>();
        if (keyInfo != null) {
            for (Object o : keyInfo.getContent()) {
                if (o instanceof X509Data data) {
                    for (Object c : data.getContent()) {
                        if (c instanceof X509Certificate cert) {
                            out.add(cert);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The KeyInfo certificate whose digest a {@code xades:CertDigest} of the signed properties states. */
    private static @Nullable X509Certificate signingCertificate(Element signedProperties, List<X509Certificate> certs)
            throws CertificateEncodingException {
        for (Element digest : descendants(signedProperties)) {
            if (!Namespaces.XADES.equals(digest.getNamespaceURI()) || !"CertDigest".equals(digest.getLocalName())) {
                continue;
            }
            Element method = child(digest, Namespaces.DS, "DigestMethod");
            Element value = child(digest, Namespaces.DS, "DigestValue");
            if (method == null || value == null) {
                continue;
            }
            String jca = switch (method.getAttributeNS(null, "Algorithm")) {
                case DigestMethod.SHA256 -> "SHA-256";
                case DigestMethod.SHA512 -> "SHA-512";
                case "http://www.w3.org/2001/04/xmldsig-more#sha384" -> "SHA-384";
                default -> null;
            };
            if (jca == null) {
                continue;
            }
            byte[] stated;
            try {
                stated = Base64.getMimeDecoder().decode(value.getTextContent().strip());
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (X509Certificate c : certs) {
                try {
                    if (MessageDigest.isEqual(stated, MessageDigest.getInstance(jca).digest(c.getEncoded()))) {
                        return c;
                    }
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("SHA-2 is required of every Java platform", e);
                }
            }
        }
        return null;
    }

    private static Optional<Instant> signingTime(Element signedProperties) {
        for (Element e : descendants(signedProperties)) {
            if (Namespaces.XADES.equals(e.getNamespaceURI()) && "SigningTime".equals(e.getLocalName())) {
                try {
                    return Optional.of(java.time.OffsetDateTime.parse(e.getTextContent().strip()).toInstant());
                } catch (java.time.format.DateTimeParseException ex) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static @Nullable Element nextElement(Node n) {
        for (Node s = n.getNextSibling(); s != null; s = s.getNextSibling()) {
            if (s.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) s;
            }
        }
        return null;
    }

    private static @Nullable Element child(Element parent, String ns, String local) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** Every element below {@code root}, in document order. */
    static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }
}
