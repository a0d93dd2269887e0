package io.github.pec4j.signature.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Location;
import io.github.pec4j.signature.DocumentCode;
import io.github.pec4j.signature.DocumentSigner;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.SignatureLayer;
import io.github.pec4j.signature.SignerCertificate;
import io.github.pec4j.signature.Trust;
import io.github.pec4j.signature.TrustStore;
import java.io.ByteArrayInputStream;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * XML-DSig core validation with the JDK (JSR 105) over a hardened DOM (no DOCTYPE, secure
 * processing). Integrity only: XAdES properties, qualification and signature wrapping are not
 * checked, and the report says so.
 */
final class XmlSignatures {
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    /** Element nesting allowed in a signed XML document (the JDK's unlimited default lets a hostile one recurse deep). */
    static final int MAX_DEPTH = 256;
    /** Parse errors end the parse as exceptions; nothing is printed. */
    static final org.xml.sax.ErrorHandler SILENT = new org.xml.sax.ErrorHandler() {
        @Override
        public void warning(org.xml.sax.SAXParseException e) {
            // a warning does not stop parsing and is not worth a diagnostic
        }

        @Override
        public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
            throw e;
        }
    };

    private XmlSignatures() {}

    /** The XML-DSig layer of a document, or null when it carries no signature. */
    static SignatureLayer verify(byte[] xml, TrustStore trust, List<Diagnostic> diags) {
        Document doc;
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setExpandEntityReferences(false);
            dbf.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
            javax.xml.parsers.DocumentBuilder builder = dbf.newDocumentBuilder();
            builder.setErrorHandler(SILENT); // without one, the JDK prints "[Fatal Error]" on stderr
            doc = builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            return null; // not well-formed or hostile: the format policy reports it
        }
        NodeList nodes = doc.getElementsByTagNameNS(DSIG, "Signature");
        if (nodes.getLength() == 0) {
            return null;
        }
        List<DocumentSigner> signers = new ArrayList<>();
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        for (int i = 0; i < nodes.getLength(); i++) {
            X509Certificate[] found = new X509Certificate[1];
            DOMValidateContext ctx = new DOMValidateContext(new KeySelector() {
                @Override
                public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context) {
                    if (keyInfo != null) {
                        for (Object o : keyInfo.getContent()) {
                            if (o instanceof X509Data data) {
                                for (Object c : data.getContent()) {
                                    if (c instanceof X509Certificate cert) {
                                        found[0] = cert;
                                        Key k = cert.getPublicKey();
                                        return () -> k;
                                    }
                                }
                            }
                        }
                    }
                    return () -> null;
                }
            }, nodes.item(i));
            ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            Integrity integrity;
            try {
                XMLSignature sig = factory.unmarshalXMLSignature(ctx);
                integrity = sig.validate(ctx) ? Integrity.VALID : Integrity.INVALID;
            } catch (Exception e) {
                integrity = Integrity.NOT_VERIFIABLE;
            }
            if (found[0] == null) {
                diags.add(Diagnostic.of(DocumentCode.XMLDSIG_MALFORMED, Location.part("/"),
                        "an XML signature without an X.509 certificate in KeyInfo"));
                continue;
            }
            if (integrity != Integrity.VALID) {
                diags.add(Diagnostic.of(DocumentCode.SIGNATURE_INVALID, Location.part("/"), "an XML signature does not verify"));
            }
            SignerCertificate described = BcProviderSignatureVerifier.describe(found[0]);
            Instant now = Instant.now();
            Trust t = trust.evaluate(found[0], List.of(), now);
            signers.add(new DocumentSigner(described, integrity, "see SignedInfo", Optional.empty(),
                    BcDocumentVerifier.codiceFiscale(found[0]), false, "XMLDSIG", BcDocumentVerifier.qualifiedClaim(found[0]), t,
                    described.validAt(now), 0));
        }
        diags.add(Diagnostic.of(DocumentCode.XMLDSIG_INTEGRITY_ONLY, Location.part("/"),
                "integrity only (XML-DSig core): XAdES properties, qualification and wrapping are not checked"));
        return new SignatureLayer("xmldsig", "xml", false, true, signers, List.of());
    }
}
