package io.github.pec4j.formats.internal;

import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Macros in Office documents, found by what points at them and by what they are, never by a part's
 * name alone: OOXML relationships and content types that declare a VBA project (whatever the target
 * part is called), any part whose bytes are an OLE2 file holding a VBA project, ODF script
 * directories and manifest entries, and legacy OLE2 VBA storages.
 */
final class OfficeMacros {
    private static final long OLE2_MAGIC = 0xE11AB1A1E011CFD0L;
    /** Relationship types (last path segment, lower case) that attach a VBA project or its parts. */
    private static final Set<String> MACRO_RELATIONSHIPS = Set.of("vbaproject", "vbaprojectsignature", "vbaprojectsignatureagile",
            "vbaprojectsignaturev3", "keymapcustomizations", "wordvbadata", "activexcontrol", "activexcontrolbinary");
    /** Content types (lower case) of VBA projects, their signatures and data, and ActiveX controls (macro-enabled mains: FMT-MACRO-01). */
    private static final List<String> MACRO_CONTENT_TYPES = List.of("application/vnd.ms-office.vbaproject",
            "application/vnd.ms-word.vbadata", "application/vnd.ms-word.keymapcustomizations", "application/vnd.ms-office.activex");
    /** OLE2 entries that only a VBA project has. */
    private static final Set<String> VBA_ENTRIES = Set.of("VBA", "_VBA_PROJECT", "_VBA_PROJECT_CUR", "Macros", "PROJECT");
    private static final XMLInputFactory XML = hardened();

    private OfficeMacros() {}

    /** No DTD, no external entity, no problem report on stderr: a part that is not plain XML is a finding. */
    private static XMLInputFactory hardened() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        // prefixes are matched by hand: a part that forgets a namespace declaration is still read
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setXMLReporter((message, type, info, location) -> { }); // problems surface as XMLStreamException
        return f;
    }

    /**
     * Every macro an OOXML package declares or carries: macro relationship types in any {@code .rels}
     * part, macro content types in {@code [Content_Types].xml}, and parts whose content is an OLE2 VBA
     * project. One finding per discovery, naming the part.
     */
    static void ooxml(ZipFile zip, List<ZipArchiveEntry> entries, String path, long maxPartBytes, long maxExpandedBytes, List<Path> temps,
            List<Finding> findings) throws IOException {
        long[] budget = {maxExpandedBytes}; // OLE2 parts copied out, counted together like archive members
        for (ZipArchiveEntry e : entries) {
            String n = e.getName().toLowerCase(Locale.ROOT);
            if (e.isDirectory()) {
                continue;
            }
            if (n.endsWith(".rels")) {
                relationships(zip, e, path, findings);
            } else if (n.equals("[content_types].xml")) {
                contentTypes(zip, e, path, findings);
            }
            if (!ole2Vba(zip, e, path, maxPartBytes, budget, temps, findings)) {
                return;
            }
        }
    }

    private static void relationships(ZipFile zip, ZipArchiveEntry rels, String path, List<Finding> findings) throws IOException {
        for (String[] rel : attributes(zip, rels, "Relationship", "Type", "Target", path, findings)) {
            String type = rel[0].toLowerCase(Locale.ROOT).strip();
            String last = type.substring(type.lastIndexOf('/') + 1);
            if (MACRO_RELATIONSHIPS.contains(last)) {
                findings.add(Finding.of(FormatCode.MACRO, path, rels.getName() + ": relationship " + last + " → " + rel[1]));
            }
        }
    }

    private static void contentTypes(ZipFile zip, ZipArchiveEntry ct, String path, List<Finding> findings) throws IOException {
        List<String[]> declared = new ArrayList<>(attributes(zip, ct, "Override", "ContentType", "PartName", path, findings));
        declared.addAll(attributes(zip, ct, "Default", "ContentType", "Extension", path, findings));
        for (String[] d : declared) {
            String type = d[0].toLowerCase(Locale.ROOT);
            if (MACRO_CONTENT_TYPES.stream().anyMatch(type::contains)) {
                findings.add(Finding.of(FormatCode.MACRO, path, "content type " + d[0] + " for " + d[1]));
            }
        }
    }

    /**
     * The ({@code first}, {@code second}) attribute values of every {@code element} in a part. A part
     * that is not well-formed XML is reported as unreadable (Office refuses it too), so a macro
     * declared in it cannot hide behind a parse error.
     */
    private static List<String[]> attributes(ZipFile zip, ZipArchiveEntry part, String element, String first, String second, String path,
            List<Finding> findings) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = zip.getInputStream(part)) {
            XMLStreamReader r = XML.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && local(r.getLocalName()).equals(element)) {
                        out.add(new String[] {attribute(r, first), attribute(r, second)});
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            findings.add(Finding.of(FormatCode.UNREADABLE, path, part.getName() + " is not well-formed XML"));
        }
        return out;
    }

    private static String local(String qualified) {
        return qualified.substring(qualified.indexOf(':') + 1);
    }

    /** The value of the attribute whose name, without prefix, is {@code name}; "null" when absent. */
    private static String attribute(XMLStreamReader r, String name) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String qualified = r.getAttributePrefix(i) == null || r.getAttributePrefix(i).isEmpty() ? r.getAttributeLocalName(i)
                    : r.getAttributePrefix(i) + ":" + r.getAttributeLocalName(i);
            if (local(qualified).equals(name)) {
                return r.getAttributeValue(i);
            }
        }
        return "null";
    }

    /**
     * Reports a part whose bytes are an OLE2 file holding a VBA project, and an OLE2 part that cannot be
     * read (it cannot be cleared). Only parts starting with the OLE2 magic are copied out, within the
     * package's expansion budget; false when a limit stopped the scan.
     */
    private static boolean ole2Vba(ZipFile zip, ZipArchiveEntry e, String path, long maxPartBytes, long[] budget, List<Path> temps,
            List<Finding> findings) throws IOException {
        byte[] head;
        try (InputStream in = zip.getInputStream(e)) {
            head = in.readNBytes(8);
        }
        if (head.length < 8 || java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong() != OLE2_MAGIC) {
            return true;
        }
        Path tmp = Files.createTempFile("pec4j-part-", ".bin");
        temps.add(tmp);
        long limit = Math.min(maxPartBytes, budget[0]);
        try (InputStream in = zip.getInputStream(e)) {
            long n = copyAtMost(in, tmp, limit);
            if (n < 0) {
                findings.add(Finding.of(limit == maxPartBytes ? FormatCode.UNREADABLE : FormatCode.ARCHIVE_BOMB, path,
                        e.getName() + ": OLE2 part beyond " + limit + " bytes"));
                return false;
            }
            budget[0] -= n;
        }
        try (CompoundFile cf = CompoundFile.open(tmp)) {
            String vba = vbaEntry(cf);
            if (vba != null) {
                findings.add(Finding.of(FormatCode.MACRO, path, e.getName() + " is an OLE2 VBA project (" + vba + ")"));
            }
        } catch (IOException broken) {
            findings.add(Finding.of(FormatCode.UNREADABLE, path, e.getName() + ": OLE2 part unreadable (" + broken.getClass().getSimpleName() + ")"));
        }
        return true;
    }

    /** Copies at most {@code max} bytes; the count, or -1 when the stream had more. */
    private static long copyAtMost(InputStream in, Path target, long max) throws IOException {
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (java.io.OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.WRITE)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
                if (n > max) {
                    return -1;
                }
                out.write(buf, 0, r);
            }
        }
        return n;
    }

    /** The name of a VBA storage or stream in an OLE2 file, or null. */
    static String vbaEntry(CompoundFile cf) {
        return cf.entries().stream().map(CompoundFile.Entry::name).filter(VBA_ENTRIES::contains).findFirst().orElse(null);
    }

    /**
     * ODF scripts: entries under {@code Basic/} or {@code Scripts/} (any case), manifest entries that
     * declare them or a script media type, and event listeners bound to scripts in the content.
     */
    static void odf(ZipFile zip, List<ZipArchiveEntry> entries, String path, List<Finding> findings) throws IOException {
        for (ZipArchiveEntry e : entries) {
            if (isScriptPath(e.getName())) {
                findings.add(Finding.of(FormatCode.MACRO, path, e.getName()));
                break;
            }
        }
        ZipArchiveEntry manifest = zip.getEntry("META-INF/manifest.xml");
        if (manifest != null) {
            for (String[] fe : attributes(zip, manifest, "file-entry", "full-path", "media-type", path, findings)) {
                if (isScriptPath(fe[0]) || fe[1].toLowerCase(Locale.ROOT).contains("script") || fe[1].toLowerCase(Locale.ROOT).contains("basic")) {
                    findings.add(Finding.of(FormatCode.MACRO, path, "manifest declares " + fe[0] + " (" + fe[1] + ")"));
                }
            }
        }
        for (String part : List.of("content.xml", "styles.xml")) {
            ZipArchiveEntry e = zip.getEntry(part);
            if (e != null) {
                for (String[] l : attributes(zip, e, "event-listener", "href", "macro-name", path, findings)) {
                    if (l[0].toLowerCase(Locale.ROOT).startsWith("vnd.sun.star.script:") || !l[1].equals("null")) {
                        findings.add(Finding.of(FormatCode.MACRO, path, part + ": event bound to a script"));
                    }
                }
            }
        }
    }

    private static boolean isScriptPath(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("basic/") || n.startsWith("scripts/");
    }
}
