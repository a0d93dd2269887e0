package io.github.pec4j.testkit;

import io.github.pec4j.testkit.internal.GeneratedFrame;
import io.github.pec4j.testkit.internal.MimeText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Attachment samples for the format policy: every format the default policy allows, and every
 * violation it must catch, each with the verdict ({@code accept}, {@code warn}, {@code reject}) and,
 * for violations, the stable code expected. Small, deterministic, generated in memory.
 */
public final class Attachments {
    private Attachments() {}

    /**
     * One sample.
     *
     * @param name the file name it is sent under
     * @param content the bytes
     * @param verdict the expected verdict: {@code accept}, {@code warn} or {@code reject}
     * @param code the expected finding code (empty for a clean accept)
     */
    public record Sample(String name, byte[] content, String verdict, String code) {
        /**
         * Creates the record: refuses null components.
         *
         * @param name the file name it is sent under
         * @param content the bytes
         * @param verdict the expected verdict: {@code accept}, {@code warn} or {@code reject}
         * @param code the expected finding code (empty for a clean accept)
         */
        public Sample {
            Objects.requireNonNull(name, "name");
            content = content.clone();
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(code, "code");
        }

        /**
         * The attachment's bytes.
         *
         * @return a fresh copy of the bytes
         */
        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public String toString() {
            return name + " -> " + verdict + (code.isEmpty() ? "" : " " + code);
        }
    }

    private static final String PDF = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

    /**
     * A minimal one-page PDF.
     *
     * @return a minimal one-page PDF
     */
    public static byte[] pdf() {
        return PDF.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A whole PDF of exactly {@code size} bytes (at least 480): one blank A4 page and, in an unreferenced stream,
     * deterministic pseudo-random bytes from {@code seed}, made as {@link MessageBuilder#attachment(String, String,
     * long)} makes a generated PDF. A format check reads its structure and accepts it.
     *
     * @param size the size in bytes, from 480 to {@link Integer#MAX_VALUE} - 8
     * @param seed the seed of the pseudo-random bytes
     * @return a whole PDF of exactly {@code size} bytes
     */
    public static byte[] pdf(long size, long seed) {
        if (size < 480 || size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("size must be 480 to 2^31 - 9: " + size);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        try {
            MimeText.generated(size, seed, GeneratedFrame.pdf(size), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static byte[] pdfWith(String catalogExtra, String trailerExtra) {
        return PDF.replace("/Type /Catalog", "/Type /Catalog " + catalogExtra).replace("trailer << /Root 1 0 R", "trailer << /Root 1 0 R " + trailerExtra)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A ZIP with the given (name, content) entries.
     *
     * @param entries pairs of entry name and text content
     * @return a ZIP with the given (name, content) entries
     */
    public static byte[] zip(String[]... entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (String[] e : entries) {
                z.putNextEntry(new ZipEntry(e[0]));
                z.write(e[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static byte[] ooxml(String mainType, String mainPart, boolean macro) {
        String ct = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + mainType + "\"/>"
                + (macro ? "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/>" : "")
                + "</Types>";
        List<String[]> entries = new ArrayList<>();
        entries.add(new String[] {"[Content_Types].xml", ct});
        entries.add(new String[] {mainPart, "<document/>"});
        if (macro) {
            entries.add(new String[] {"word/vbaProject.bin", "VBA project"});
        }
        return zip(entries.toArray(String[][]::new));
    }

    private static byte[] odf(String type, boolean basic, boolean encrypted) {
        List<String[]> entries = new ArrayList<>();
        entries.add(new String[] {"mimetype", type});
        entries.add(new String[] {"content.xml", "<office:document-content/>"});
        entries.add(new String[] {"META-INF/manifest.xml", encrypted ? "<manifest:manifest><manifest:encryption-data/></manifest:manifest>"
                : "<manifest:manifest/>"});
        if (basic) {
            entries.add(new String[] {"Basic/Standard/Module1.xml", "<script:module/>"});
        }
        return zip(entries.toArray(String[][]::new));
    }

    /**
     * A zero-filled ZIP that expands from a few hundred KB to {@code megabytes} MB.
     *
     * @param megabytes the expanded size in MB
     * @return a zero-filled ZIP that expands from a few hundred KB to {@code megabytes} MB
     */
    public static byte[] zipBomb(int megabytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("zeri.txt"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < megabytes; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /**
     * ZIPs nested {@code levels} deep.
     *
     * @param levels how many ZIPs wrap each other
     * @return the outermost ZIP's bytes
     */
    public static byte[] nestedZip(int levels) {
        byte[] inner = zip(new String[] {"fondo.txt", "fondo"});
        for (int i = 0; i < levels; i++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(b)) {
                z.putNextEntry(new ZipEntry("livello" + i + ".zip"));
                z.write(inner);
                z.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            inner = b.toByteArray();
        }
        return inner;
    }

    /**
     * Every format the default (Caluso) policy allows: each must be accepted.
     *
     * @return every format the default (Caluso) policy allows: each must be accepted
     */
    public static List<Sample> allowed() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
        byte[] jpg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tif = {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0};
        String eml = "From: a@example.it\r\nTo: b@example.it\r\nSubject: Nota\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nTesto.\r\n";
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("lettera.txt", "Gentile ufficio,\nsi trasmette la richiesta.\n".getBytes(StandardCharsets.UTF_8), "accept", ""));
        s.add(new Sample("elenco.csv", "nome;cognome\nMario;Rossi\n".getBytes(StandardCharsets.UTF_8), "accept", ""));
        s.add(new Sample("dati.xml", "<?xml version=\"1.0\"?><dati/>".getBytes(StandardCharsets.UTF_8), "accept", ""));
        s.add(new Sample("istanza.pdf", pdf(), "accept", ""));
        s.add(new Sample("istanza-pdfa.pdf", PDF.replace("%%EOF", "<rdf:Description pdfaid:part=\"2\" pdfaid:conformance=\"B\"/>\n%%EOF")
                .getBytes(StandardCharsets.ISO_8859_1), "accept", ""));
        s.add(new Sample("relazione.odt", odf("application/vnd.oasis.opendocument.text", false, false), "accept", ""));
        s.add(new Sample("slide.odp", odf("application/vnd.oasis.opendocument.presentation", false, false), "accept", ""));
        s.add(new Sample("tabella.ods", odf("application/vnd.oasis.opendocument.spreadsheet", false, false), "accept", ""));
        s.add(new Sample("disegno.odg", odf("application/vnd.oasis.opendocument.graphics", false, false), "accept", ""));
        s.add(new Sample("relazione.docx", ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "word/document.xml", false), "accept", ""));
        s.add(new Sample("tabella.xlsx", ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "xl/workbook.xml", false), "accept", ""));
        s.add(new Sample("slide.pptx", ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                "ppt/presentation.xml", false), "accept", ""));
        s.add(new Sample("foto.jpg", jpg, "accept", ""));
        s.add(new Sample("foto.png", png, "accept", ""));
        s.add(new Sample("icona.gif", gif, "accept", ""));
        s.add(new Sample("scansione.tif", tif, "accept", ""));
        s.add(new Sample("messaggio.eml", eml.getBytes(StandardCharsets.US_ASCII), "accept", ""));
        s.add(new Sample("allegati.zip", zip(new String[] {"a.pdf", PDF}, new String[] {"b.txt", "testo"}), "accept", ""));
        SignedDocuments docs = SignedDocuments.create();
        s.add(new Sample("fattura.xml.p7m", docs.cades("<?xml version=\"1.0\"?><fattura/>".getBytes(StandardCharsets.UTF_8)), "accept", ""));
        s.add(new Sample("fattura.xml.m7m", docs.m7m("<fattura/>".getBytes(StandardCharsets.UTF_8)), "accept", ""));
        java.util.Map<String, byte[]> msgFiles = new java.util.LinkedHashMap<>();
        msgFiles.put("istanza.pdf", pdf());
        msgFiles.put("nota.txt", "testo".getBytes(StandardCharsets.UTF_8));
        s.add(new Sample("messaggio.msg", msg("Istanza", msgFiles), "accept", ""));
        s.add(new Sample("fattura.xml.tsd", docs.tsd("<fattura/>".getBytes(StandardCharsets.UTF_8), "fattura.xml", "application/xml"),
                "accept", ""));
        return List.copyOf(s);
    }

    /**
     * An Outlook {@code .msg} message (an OLE2 compound file) with a subject, a plain-text body and
     * the given attachments (name, content), each in an {@code __attach_version1.0_#n} storage with
     * its long file name (PR_ATTACH_LONG_FILENAME, UTF-16) and data (PR_ATTACH_DATA_BIN).
     *
     * @param subject the message's subject
     * @param attachments the attachments by file name
     * @return an Outlook {@code .msg} message (an OLE2 compound file) with a subject, a plain-text body and the given
     *     attachments (name, content), each in an {@code __attach_version1.0_#n} storage with its long file name
     *     (PR_ATTACH_LONG_FILENAME, UTF-16) and data (PR_ATTACH_DATA_BIN)
     */
    public static byte[] msg(String subject, java.util.Map<String, byte[]> attachments) {
        io.github.pec4j.testkit.internal.CompoundFileWriter w = new io.github.pec4j.testkit.internal.CompoundFileWriter();
        w.root().stream("__properties_version1.0", new byte[32])
                .stream("__substg1.0_0037001F", subject.getBytes(StandardCharsets.UTF_16LE))
                .stream("__substg1.0_1000001F", "Si trasmette in allegato.".getBytes(StandardCharsets.UTF_16LE));
        w.root().storage("__nameid_version1.0").stream("__substg1.0_00020102", new byte[0]);
        int i = 0;
        for (java.util.Map.Entry<String, byte[]> a : attachments.entrySet()) {
            w.root().storage(String.format(java.util.Locale.ROOT, "__attach_version1.0_#%08X", i++))
                    .stream("__properties_version1.0", new byte[8])
                    .stream("__substg1.0_3707001F", a.getKey().getBytes(StandardCharsets.UTF_16LE))
                    .stream("__substg1.0_37010102", a.getValue());
        }
        return w.toBytes();
    }

    /**
     * A password-protected OOXML document as Office writes it: an OLE2 compound file holding
     * {@code EncryptionInfo} and {@code EncryptedPackage} streams (contents are filler).
     *
     * @return a password-protected OOXML document as Office writes it: an OLE2 compound file holding {@code
     *     EncryptionInfo} and {@code EncryptedPackage} streams (contents are filler)
     */
    public static byte[] encryptedOoxml() {
        io.github.pec4j.testkit.internal.CompoundFileWriter w = new io.github.pec4j.testkit.internal.CompoundFileWriter();
        w.root().stream("EncryptionInfo", new byte[200]).stream("EncryptedPackage", new byte[5000]);
        return w.toBytes();
    }

    /**
     * Every violation the default policy must catch, with its verdict and code.
     *
     * @return every violation the default policy must catch, with its verdict and code
     */
    public static List<Sample> violations() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("relazione.docx", ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "word/document.xml", true), "reject", "MACRO"));
        s.add(new Sample("relazione.odt", odf("application/vnd.oasis.opendocument.text", true, false), "reject", "MACRO"));
        s.add(new Sample("riservato.odt", odf("application/vnd.oasis.opendocument.text", false, true), "reject", "ENCRYPTED"));
        s.add(new Sample("fattura.pdf", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}, "reject", "EXECUTABLE"));
        s.add(new Sample("foto.jpg", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, "reject", "EXECUTABLE"));
        s.add(new Sample("istanza.pdf", "#!/bin/sh\necho pwned\n".getBytes(StandardCharsets.US_ASCII), "reject", "EXECUTABLE"));
        s.add(new Sample("leggimi.txt", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8),
                "reject", "EXECUTABLE"));
        s.add(new Sample("avviso.pdf", pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", ""), "reject", "PDF_ACTIVE_CONTENT"));
        s.add(new Sample("avvio.pdf", pdfWith("/OpenAction << /S /Launch /F (cmd.exe) >>", ""), "reject", "PDF_ACTIVE_CONTENT"));
        s.add(new Sample("contenitore.pdf", pdfWith("/Names << /EmbeddedFiles << /Names [] >> >>", ""), "warn", "PDF_EMBEDDED_FILE"));
        s.add(new Sample("protetto.pdf", pdfWith("", "/Encrypt 9 0 R"), "reject", "ENCRYPTED"));
        s.add(new Sample("bomba.zip", zipBomb(200), "reject", "ARCHIVE_BOMB"));
        s.add(new Sample("annidato.zip", nestedZip(5), "reject", "ARCHIVE_TOO_DEEP"));
        s.add(new Sample("fuga.zip", zip(new String[] {"../../etc/passwd", "root"}), "reject", "PATH_TRAVERSAL"));
        s.add(new Sample("fattura.pdf.exe", "testo".getBytes(StandardCharsets.UTF_8), "reject", "NAME_DOUBLE_EXTENSION"));
        s.add(new Sample("CON.txt", "testo".getBytes(StandardCharsets.UTF_8), "reject", "NAME_INVALID"));
        s.add(new Sample("nota?.txt", "testo".getBytes(StandardCharsets.UTF_8), "reject", "NAME_INVALID"));
        s.add(new Sample("inoltro.msg", msg("Fattura", java.util.Map.of("fattura.pdf", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0})),
                "reject", "EXECUTABLE"));
        s.add(new Sample("bilancio.xlsx", encryptedOoxml(), "reject", "ENCRYPTED"));
        s.add(new Sample("mappa.kmz", zip(new String[] {"doc.kml", "<kml/>"}), "reject", "EXTENSION_MISMATCH"));
        s.add(new Sample("relazione.docx", pdf(), "reject", "EXTENSION_MISMATCH"));
        return List.copyOf(s);
    }
}
