package io.github.pec4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.w3c.dom.Document;

/** Test helpers that take fixture bytes apart independently of pec-core: by boundary and by name. */
final class Messages {
    private Messages() {}

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The top-level headers (up to the first blank line). */
    static String headers(byte[] message) {
        String s = text(message);
        int end = s.indexOf("\r\n\r\n");
        return end < 0 ? s.substring(0, s.indexOf("\n\n")) : s.substring(0, end);
    }

    /**
     * The first body part of the top-level multipart/signed, exactly as RFC 1847 delimits it (from
     * the line after the first delimiter to the line break before the next one, which belongs to the
     * delimiter), and the decoded detached signature.
     */
    static Signed split(byte[] message) {
        String s = text(message);
        Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(s);
        assertThat(m.find()).isTrue();
        String delimiter = "--" + m.group(1);
        String eol = s.contains("\r\n") ? "\r\n" : "\n";
        int start = s.indexOf(eol + delimiter + eol) + eol.length() + delimiter.length() + eol.length();
        int end = s.indexOf(eol + delimiter + eol, start);
        int sigStart = s.indexOf(eol + eol, end + eol.length()) + 2 * eol.length();
        int sigEnd = s.indexOf(eol + delimiter + "--", sigStart);
        byte[] signed = Arrays.copyOfRange(message, start, end);
        byte[] signature = Base64.getMimeDecoder().decode(s.substring(sigStart, sigEnd).trim());
        return new Signed(signed, signature);
    }

    record Signed(byte[] content, byte[] signature) {
        /** The content with every line ending made CRLF (RFC 5751 canonical form). */
        byte[] canonical() {
            return text(content).replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** True if {@code signature} is a valid CMS signature by {@code signer} over {@code content}. */
    static boolean verifies(byte[] content, byte[] signature, X509Certificate signer) throws Exception {
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        assertThat(signers).hasSize(1);
        try {
            return signers.iterator().next().verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
        } catch (CMSSignerDigestMismatchException e) {
            return false;
        }
    }

    /** The decoded daticert.xml of the outer message (the first one), or null. */
    static String daticert(byte[] message) {
        String s = text(message);
        int at = s.indexOf("name=\"daticert.xml\"");
        if (at < 0) {
            return null;
        }
        String eol = s.contains("\r\n") ? "\r\n" : "\n";
        int start = s.indexOf(eol + eol, at) + 2 * eol.length();
        int end = s.indexOf(eol + "--", start);
        return new String(Base64.getMimeDecoder().decode(s.substring(start, end)), StandardCharsets.UTF_8);
    }

    /** Parses a daticert with DOCTYPEs refused, as a hardened reader would. */
    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                throw e; // no "[Fatal Error]" line on stderr
            }
        });
        return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String xpath(Document d, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, d);
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
