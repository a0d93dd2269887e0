package io.github.pec4j.testkit;

import io.github.pec4j.testkit.internal.CompoundFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile and broken attachments for the format checks, made in memory: data hidden after a PDF's
 * end, Office macros under innocent names, ODF scripts, CMS structures that make a verifier throw,
 * and archives with a broken central directory. Each method says what it hides.
 */
public final class HostileFiles {
    /** The relationship type Word uses for its VBA project. */
    public static final String VBA_PROJECT_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";
    private static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final byte[] SIGNED_DATA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x02};
    private static final byte[] DATA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x01};

    private HostileFiles() {}

    /**
     * A valid one-page PDF followed by {@code tail} after its {@code %%EOF}.
     *
     * @param tail the bytes to append
     * @return a valid one-page PDF followed by {@code tail} after its {@code %%EOF}
     */
    public static byte[] pdfWithAppended(byte[] tail) {
        return concat(Attachments.pdf(), tail);
    }

    /**
     * A small PDF (about 80 KB) with one Flate stream that inflates to 80 MiB of spaces, under the stream dictionary
     * {@code dict}: with {@code /Type /ObjStm} a decompression bomb, with an image's dictionary a large scan.
     *
     * @param dict the stream's dictionary entries, before {@code /Filter} and {@code /Length}
     * @return a small PDF with one Flate stream that inflates to 80 MiB of spaces
     */
    public static byte[] flatePdf(String dict) {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(raw, new java.util.zip.Deflater(9))) {
            d.write("5 0 << /S /JavaScript /JS (x) ".getBytes(StandardCharsets.ISO_8859_1)); // object 5 of an object stream
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 80; i++) {
                d.write(spaces);
            }
            d.write(">>".getBytes(StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: never
        }
        byte[] z = raw.toByteArray();
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        pdf.writeBytes(("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "3 0 obj << " + dict + " /Filter /FlateDecode /Length " + z.length + " >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        pdf.writeBytes(z);
        pdf.writeBytes("\nendstream\nendobj\ntrailer << /Root 1 0 R /Size 4 >>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
        return pdf.toByteArray();
    }

    /**
     * A PDF with an incremental update, as a signing tool writes it: the original, then a new
     * catalog revision and trailer ending in its own {@code %%EOF} (and a final newline).
     *
     * @return a PDF with an incremental update, as a signing tool writes it: the original, then a new catalog
     *     revision and trailer ending in its own {@code %%EOF} (and a final newline)
     */
    public static byte[] incrementallyUpdatedPdf() {
        String update = "1 0 obj << /Type /Catalog /Pages 2 0 R /Lang (it-IT) >> endobj\ntrailer << /Root 1 0 R /Size 4 >>\n%%EOF\r\n";
        return concat(Attachments.pdf(), update.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * An OLE2 compound file holding a VBA project as Office stores it: a {@code VBA} storage and a {@code PROJECT} stream.
     *
     * @return an OLE2 compound file holding a VBA project as Office stores it: a {@code VBA} storage and a {@code
     *     PROJECT} stream
     */
    public static byte[] vbaProject() {
        CompoundFileWriter w = new CompoundFileWriter();
        w.root().storage("VBA").stream("_VBA_PROJECT", new byte[] {(byte) 0xCC, 0x61, (byte) 0xFF, (byte) 0xFF, 0, 0, 0})
                .stream("dir", new byte[64]).stream("Module1", "Attribute VB_Name = \"Module1\"".getBytes(StandardCharsets.US_ASCII));
        w.root().stream("PROJECT", "ID=\"{00000000-0000-0000-0000-000000000000}\"\r\nModule=Module1\r\n".getBytes(StandardCharsets.US_ASCII));
        return w.toBytes();
    }

    /**
     * A .docx with a plain (not macro-enabled) content type whose {@code word/_rels/document.xml.rels}
     * holds {@code relationships} (Relationship elements), plus {@code parts} (name → bytes).
     *
     * @param relationships Relationship elements for the document part
     * @param parts extra package parts by name
     * @return a .docx with a plain (not macro-enabled) content type whose {@code word/_rels/document.xml.rels} holds
     *     {@code relationships} (Relationship elements), plus {@code parts} (name → bytes)
     */
    public static byte[] docx(String relationships, Map<String, byte[]> parts) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("[Content_Types].xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"" + DOCX_MAIN + "\"/></Types>").getBytes(StandardCharsets.UTF_8));
        all.put("_rels/.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                + "Target=\"word/document.xml\"/></Relationships>").getBytes(StandardCharsets.UTF_8));
        all.put("word/document.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
                + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>")
                .getBytes(StandardCharsets.UTF_8));
        all.put("word/_rels/document.xml.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + relationships
                + "</Relationships>").getBytes(StandardCharsets.UTF_8));
        all.putAll(parts);
        return zip(all);
    }

    /**
     * The audit's .docx: a vbaProject relationship to {@code media/image9.png}, which is an OLE2 VBA storage.
     *
     * @return the audit's .docx: a vbaProject relationship to {@code media/image9.png}, which is an OLE2 VBA storage
     */
    public static byte[] docxWithVbaAsImage() {
        return docx("<Relationship Id=\"rId9\" Type=\"" + VBA_PROJECT_RELATIONSHIP + "\" Target=\"media/image9.png\"/>",
                Map.of("word/media/image9.png", vbaProject()));
    }

    /**
     * An .odt with {@code parts} (name → text) added to a minimal package whose manifest is {@code manifest}.
     *
     * @param manifest the manifest's XML
     * @param parts extra parts by name, as text
     * @return an .odt with {@code parts} (name → text) added to a minimal package whose manifest is {@code manifest}
     */
    public static byte[] odt(String manifest, Map<String, String> parts) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("mimetype", "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
        all.put("content.xml", ("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"
                + "<office:body/></office:document-content>").getBytes(StandardCharsets.UTF_8));
        all.put("META-INF/manifest.xml", manifest.getBytes(StandardCharsets.UTF_8));
        parts.forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return zip(all);
    }

    /**
     * A CMS SignedData (.p7m) with encapsulated content and no SignerInfo at all.
     *
     * @param content the content to encapsulate
     * @return a CMS SignedData (.p7m) with encapsulated content and no SignerInfo at all
     */
    public static byte[] cmsWithoutSignerInfos(byte[] content) {
        byte[] encap = tlv(0x30, concat(DATA_OID, tlv(0xA0, tlv(0x04, content))));
        byte[] signedData = tlv(0x30, concat(tlv(0x02, new byte[] {1}), tlv(0x31, new byte[0]), encap, tlv(0x31, new byte[0])));
        return tlv(0x30, concat(SIGNED_DATA_OID, tlv(0xA0, signedData)));
    }

    /**
     * A CMS SignedData whose digest algorithm, content and SignerInfo fields are ASN.1 NULLs where a
     * structure is expected.
     *
     * @return a CMS SignedData whose digest algorithm, content and SignerInfo fields are ASN.1 NULLs where a
     *     structure is expected
     */
    public static byte[] cmsWithNulls() {
        byte[] nul = {0x05, 0x00};
        byte[] encap = tlv(0x30, concat(DATA_OID, tlv(0xA0, nul)));
        byte[] signerInfo = tlv(0x30, concat(tlv(0x02, new byte[] {1}), nul, nul, nul, tlv(0x04, new byte[] {1, 2, 3})));
        byte[] signedData = tlv(0x30, concat(tlv(0x02, new byte[] {1}), tlv(0x31, nul), encap, tlv(0x31, signerInfo)));
        return tlv(0x30, concat(SIGNED_DATA_OID, tlv(0xA0, signedData)));
    }

    /**
     * A CMS SignedData whose digest algorithms are {@code depth} nested SETs (indefinite lengths, a few bytes each).
     *
     * @param depth the nesting depth
     * @return a CMS SignedData whose digest algorithms are {@code depth} nested SETs (indefinite lengths, a few bytes
     *     each)
     */
    public static byte[] cmsWithNestedSets(int depth) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x30, (byte) 0x80});
        b.writeBytes(SIGNED_DATA_OID);
        b.writeBytes(new byte[] {(byte) 0xA0, (byte) 0x80, 0x30, (byte) 0x80, 0x02, 0x01, 0x01});
        for (int i = 0; i < depth; i++) {
            b.writeBytes(new byte[] {0x31, (byte) 0x80});
        }
        for (int i = 0; i < depth; i++) {
            b.writeBytes(new byte[] {0, 0});
        }
        b.writeBytes(tlv(0x30, DATA_OID));
        b.writeBytes(new byte[] {0x31, 0x00, 0, 0, 0, 0, 0, 0});
        return b.toByteArray();
    }

    /**
     * A ZIP (a PDF and a text) whose end-of-central-directory record points its directory past the end of the file.
     *
     * @return a ZIP (a PDF and a text) whose end-of-central-directory record points its directory past the end of the
     *     file
     */
    public static byte[] zipWithBrokenCentralDirectory() {
        byte[] z = zip(Map.of("a.pdf", Attachments.pdf(), "b.txt", "testo".getBytes(StandardCharsets.UTF_8)));
        int eocd = z.length - 22; // no comment: the record is the last 22 bytes
        z[eocd + 16] = (byte) 0xF0;
        z[eocd + 17] = (byte) 0xFF;
        return z;
    }

    /**
     * A ZIP with the given entries, in order.
     *
     * @param entries the entries by name, in order
     * @return a ZIP with the given entries, in order
     */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** DER tag, definite length, value. */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        int n = value.length;
        if (n < 0x80) {
            b.write(n);
        } else if (n < 0x100) {
            b.write(0x81);
            b.write(n);
        } else if (n < 0x10000) {
            b.write(0x82);
            b.write(n >> 8);
            b.write(n);
        } else {
            b.write(0x83);
            b.write(n >> 16);
            b.write(n >> 8);
            b.write(n);
        }
        b.writeBytes(value);
        return b.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
