package io.github.pec4j.formats.internal;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.Completeness;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.Severity;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatCode;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.formats.Verdict;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;

/** The default checks. Members of archives and messages are extracted to temporary files, counted as they are written. */
public final class DefaultFormatChecker implements FormatChecker {
    private static final Detector DETECTOR = new DefaultDetector();
    private static final DocumentVerifier DOCUMENTS = DocumentVerifier.create(io.github.pec4j.signature.TrustStore.empty());
    private static final Charset CP437 = Charset.forName("IBM437");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Set<String> SIGNATURE_SUFFIXES = Set.of("p7m", "p7s", "m7m", "tsd");
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    private final FormatPolicy policy;
    private final Pattern allowedCharacter;

    private final boolean scanFirst;
    private final boolean fastTypes;
    private final DocumentVerifier documents;

    public DefaultFormatChecker(FormatPolicy policy) {
        this(policy, true);
    }

    /**
     * A checker that verifies signed containers with {@code documents}, the verifier (and trust) of its caller: the
     * admission takes the reports of the attachments' signatures from {@link #checkKeepingSignatures} instead of
     * verifying each {@code .p7m} a second time. The findings do not depend on the trust (only a signature's integrity
     * is a finding).
     */
    public DefaultFormatChecker(FormatPolicy policy, DocumentVerifier documents) {
        this(policy, true, true, documents);
    }

    /**
     * A checker that reads PDF structure with the bounded scan first ({@code scanFirst}, the default)
     * or always with PDFBox's full model: the second is the reference the first is tested against.
     */
    DefaultFormatChecker(FormatPolicy policy, boolean scanFirst) {
        this(policy, scanFirst, true);
    }

    /**
     * A checker that detects types with the exact shortcut first ({@code fastTypes}, the default) or
     * always with Tika: the second is the reference the first is tested against (FMT-DETECT-01).
     */
    DefaultFormatChecker(FormatPolicy policy, boolean scanFirst, boolean fastTypes) {
        this(policy, scanFirst, fastTypes, DOCUMENTS);
    }

    private DefaultFormatChecker(FormatPolicy policy, boolean scanFirst, boolean fastTypes, DocumentVerifier documents) {
        this.policy = policy;
        this.documents = documents;
        this.scanFirst = scanFirst;
        this.fastTypes = fastTypes;
        this.allowedCharacter = policy.names().allowedCharacters() == null ? null : Pattern.compile(policy.names().allowedCharacters());
    }

    @Override
    public FileReport check(Path file, String name) throws IOException {
        return check(file, name, null);
    }

    /** The check of one file; {@code signature}, when not null, is given the report of the file's own signature if it is a signed container. */
    private FileReport check(Path file, String name, Consumer<DocumentReport> signature) throws IOException {
        return check(Source.of(file), name == null ? file.getFileName().toString() : name, signature);
    }

    private FileReport check(Source source, String name, Consumer<DocumentReport> signature) throws IOException {
        List<Path> temps = new ArrayList<>();
        try {
            return inspect(source, name, name, 0, temps, signature);
        } finally {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }

    @Override
    public List<FileReport> check(PecMessage message) throws IOException {
        return checkKeepingSignatures(message).files();
    }

    /**
     * The check of a message's attachments, and the reports of the signatures it verified on the way: of each
     * attachment that is itself a signed container ({@code .p7m}, {@code .tsd}) whose first layer could be read, by the
     * attachment's MIME path. Verified with this checker's {@link DocumentVerifier}, they are what that verifier's
     * {@code verify} gives for the attachment.
     *
     * @param files the reports, as {@link #check(PecMessage)} gives them
     * @param signatures by {@link Attachment#mimePath()}; attachments that are not signed containers are absent
     */
    public record Checked(List<FileReport> files, Map<String, DocumentReport> signatures) {
    }

    /**
     * Checks the message like {@link #check(PecMessage)}, keeping the reports of the attachments' own signatures.
     *
     * @param message the message
     * @return the reports and the signatures verified
     * @throws IOException never for an attachment (its failure is a report); kept for the interface
     */
    public Checked checkKeepingSignatures(PecMessage message) throws IOException {
        List<FileReport> out = new ArrayList<>();
        Map<String, DocumentReport> signatures = new HashMap<>();
        long total = 0;
        for (Attachment a : message.attachments()) {
            // a report without layers may depend on the file's name, which the copy checked here does not keep
            out.add(checkAttachment(a, a.signedDocumentIn(message.attachments()), r -> {
                if (!r.layers().isEmpty()) signatures.put(a.mimePath(), r);
            }));
            total += a.size();
        }
        if (total > policy.maxTotalBytes()) {
            Finding f = Finding.of(FormatCode.TOTAL_TOO_LARGE, "*", total + " > " + policy.maxTotalBytes() + " bytes")
                    .withSeverity(policy.severityOf(FormatCode.TOTAL_TOO_LARGE));
            out.add(new FileReport("*", "message/rfc822", total, verdictOf(f.severity()), List.of(f), List.of()));
        }
        if (!message.completeness().complete()) {
            out.add(incomplete(message.completeness(), total));
        }
        return new Checked(List.copyOf(out), Map.copyOf(signatures));
    }

    /** Fail closed: unread content is unknown, so the message is at least for review, never accepted. */
    private FileReport incomplete(Completeness completeness, long total) {
        Severity s = policy.severityOf(FormatCode.MESSAGE_INCOMPLETE);
        if (s.compareTo(Severity.WARNING) < 0) {
            s = Severity.WARNING;
        }
        String gaps = String.join("; ", completeness.gaps().stream()
                .map(g -> g.kind() + " at " + g.location().mimePath() + ": " + g.detail()).toList());
        Finding f = Finding.of(FormatCode.MESSAGE_INCOMPLETE, "*", gaps).withSeverity(s);
        return new FileReport("*", "message/rfc822", total, verdictOf(f.severity()), List.of(f), List.of());
    }

    /** An attachment's bytes where the parser keeps them: its spool file, read in place, or memory. */
    private static Source sourceOf(Attachment a) throws IOException {
        java.util.Optional<Path> spooled = a.content().spoolFile();
        return spooled.isPresent() ? Source.of(spooled.get()) : Source.of(a.content().readAllBytes());
    }

    /**
     * One attachment inside its own boundary: a failure to decode or check it is a {@link
     * FormatCode#CHECK_FAILED} report for it, and the message's other attachments are still checked.
     * An attachment the parser spooled to a file is read there, in place (every check only reads); one kept in memory
     * is read in memory, and written to a temporary file only for a check that needs a file (FMT-MEM-01).
     */
    private FileReport checkAttachment(Attachment a, java.util.Optional<Attachment> signedDocument, Consumer<DocumentReport> signature)
            throws IOException {
        try {
            if (a.signedContent().isPresent()) return detachedSignature(a, documents.verify(a), signature);
            if (signedDocument.isPresent()) return detachedSignature(a, documents.verifyDetached(a, signedDocument.get()), signature);
            return check(sourceOf(a), a.name(), signature);
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            Finding f = checkFailed(a.name(), "attachment", e);
            return new FileReport(a.name(), "application/octet-stream", a.size(), Verdict.REJECT, List.of(f), List.of());
        }
    }

    /**
     * A detached signature, verified over what it signs ({@code r}): a sender's S/MIME signature ({@code smime.p7s} of a
     * clear-signed mail, SIG-SMIME-01) or a {@code .p7s} beside the document it signs (SIG-DETACHED-01). What it signs
     * is the message's other attachments, checked as such; alone, a detached signature is never verifiable.
     */
    private FileReport detachedSignature(Attachment a, DocumentReport r, Consumer<DocumentReport> signature) {
        List<Finding> findings = new ArrayList<>();
        checkName(a.name(), a.name(), findings);
        if (a.size() > policy.maxFileBytes()) {
            findings.add(Finding.of(FormatCode.FILE_TOO_LARGE, a.name(), a.size() + " > " + policy.maxFileBytes() + " bytes"));
        }
        if (signature != null) signature.accept(r);
        if (r.integrity() != io.github.pec4j.signature.Integrity.VALID) {
            findings.add(Finding.of(FormatCode.SIGNATURE_INVALID, a.name(), r.integrity().name().toLowerCase(Locale.ROOT)));
        }
        // a sender's opaque smime.p7m encapsulates what it signs; a .p7s is detached
        String type = a.declaredType().endsWith("pkcs7-mime") ? "application/pkcs7-mime" : "application/pkcs7-signature";
        allowed(a.name(), a.name(), type, false, findings);
        return report(a.name(), type, a.size(), findings, new ArrayList<>());
    }

    private FileReport inspect(Path file, String name, String path, int depth, List<Path> temps) throws IOException {
        return inspect(Source.of(file), name, path, depth, temps, null);
    }

    private FileReport inspect(Source file, String name, String path, int depth, List<Path> temps, Consumer<DocumentReport> signature)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<FileReport> members = new ArrayList<>();
        long size = file.size();
        checkName(name, path, findings);
        if (size > policy.maxFileBytes()) {
            findings.add(Finding.of(FormatCode.FILE_TOO_LARGE, path, size + " > " + policy.maxFileBytes() + " bytes"));
        }
        byte[] start = file.head(Math.max(8192, FastTypes.headBytes())); // the shortcut's head, read once with the 8 KB the other checks look at
        byte[] head = start.length > 8192 ? java.util.Arrays.copyOf(start, 8192) : start;
        String type = type(file, name, start, head, path, findings);
        String executable = executable(head, type);
        if (executable != null) {
            findings.add(Finding.of(FormatCode.EXECUTABLE, path, executable));
        } else if (envelopedData(head)) {
            // S/MIME or CMS encryption: nobody here holds the key, so it is unreadable, not a broken signature
            findings.add(Finding.of(FormatCode.ENCRYPTED, path, "CMS enveloped-data (S/MIME encryption)"));
        } else {
            type = content(file, name, path, depth, type, findings, members, temps, signature);
        }
        allowed(name, path, type, executable != null, findings);
        return report(path, type, size, findings, members);
    }

    /** The policy's severities applied, and the worst of the findings and the members. */
    private FileReport report(String path, String type, long size, List<Finding> findings, List<FileReport> members) {
        findings.replaceAll(f -> f.withSeverity(policy.severityOf(f.code())));
        Verdict v = Verdict.ACCEPT;
        for (Finding f : findings) {
            v = v.and(verdictOf(f.severity()));
        }
        for (FileReport m : members) {
            v = v.and(m.verdict());
        }
        return new FileReport(path, type, size, v, findings, members);
    }

    /** The type from the content, refined; a detector failure is a finding and leaves the type unknown. */
    private String type(Source file, String name, byte[] start, byte[] head, String path, List<Finding> findings) {
        String type;
        try {
            java.util.Optional<String> fast = fastTypes ? FastTypes.detect(start) : java.util.Optional.empty();
            type = fast.isPresent() ? fast.get() : tikaDetect(file);
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            findings.add(checkFailed(path, "type detection", e));
            return "application/octet-stream";
        }
        if (type.equals("text/plain") && looksLikeXml(head)) {
            type = "application/xml"; // XML without a prolog (signed invoices often lack it) is still XML
        }
        if (SIGNATURE_SUFFIXES.contains(extension(name)) && (type.equals("text/plain") || type.equals("application/octet-stream"))) {
            type = "application/pkcs7-mime"; // base64 or PEM signed files (as SdI sends them) are text to a magic detector
        }
        return type;
    }

    /**
     * The checks of the file's own format, inside this file's boundary: whatever PDFBox, commons-compress,
     * the signature module or our own code throws while reading this file becomes a {@link
     * FormatCode#CHECK_FAILED} finding for it (the members already checked keep their reports), so one
     * hostile file never hides the others. That includes a {@link LinkageError}: a ZIP entry compressed with
     * Zstandard makes commons-compress load its optional codec (zstd-jni), which pec4j does not ship (SEC-CLOSED-07).
     */
    private String content(Source file, String name, String path, int depth, String type, List<Finding> findings, List<FileReport> members,
            List<Path> temps, Consumer<DocumentReport> signature) {
        try {
            return dispatch(file, name, path, depth, type, findings, members, temps, signature);
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            findings.add(checkFailed(path, type, e));
            return type;
        }
    }

    private String dispatch(Source file, String name, String path, int depth, String type, List<Finding> findings, List<FileReport> members,
            List<Path> temps, Consumer<DocumentReport> signature) throws IOException {
        if (type.equals("application/zip") || type.equals("application/x-tika-ooxml") || type.startsWith("application/vnd.oasis")
                || type.equals("application/java-archive") || type.startsWith("application/vnd.openxmlformats")) {
            return zip(file.file(temps), type, path, depth, findings, members, temps);
        } else if (type.startsWith("application/pkcs7") || type.equals("application/timestamped-data")
                || type.equals("message/rfc822") && extension(name).equals("m7m")) {
            signed(file.file(temps), name, path, depth, findings, members, temps, signature);
        } else if (type.equals("application/pdf")) {
            PdfInspector.inspect(file, path, policy.maxFileBytes(), policy.maxExpandedBytes(), findings, scanFirst);
            pdfTail(file, path, depth, findings, members, temps);
        } else if (type.equals("application/x-tika-msoffice")) {
            return ole2(file.file(temps), name, path, depth, findings, members, temps);
        } else if (type.equals("message/rfc822") && !extension(name).equals("m7m")) {
            eml(file, path, depth, findings, members, temps);
        } else if (type.equals("application/x-7z-compressed")) {
            sevenZ(file.file(temps), path, depth, findings, members, temps);
        }
        return type;
    }

    /** A failed check: the cause's class only (its message may quote the file's bytes); a stack overflow means nesting. */
    private static Finding checkFailed(String path, String step, Throwable e) {
        String cause = e instanceof StackOverflowError ? "structure nested too deeply (StackOverflowError)"
                : e instanceof LinkageError ? "needs a codec this JVM does not have (" + e.getClass().getName() + ")"
                : e.getClass().getName();
        return Finding.of(FormatCode.CHECK_FAILED, path, step + ": " + cause);
    }

    /** The policy's allow-list and the extension against the detected type. */
    private void allowed(String name, String path, String type, boolean executable, List<Finding> findings) {
        if (FormatPolicy.NEVER_ADMITTED.contains(type)) {
            findings.add(Finding.of(FormatCode.ARCHIVE_NOT_ADMISSIBLE, path, "RAR"));
        } else if (!executable) {
            if (!policy.allows(type)) {
                findings.add(Finding.of(FormatCode.TYPE_NOT_ALLOWED, path, type));
            } else {
                String ext = extension(name);
                Set<String> exts = policy.allowedTypes().get(type);
                if (ext.isEmpty() || !exts.contains(ext)) {
                    findings.add(Finding.of(FormatCode.EXTENSION_MISMATCH, path, "." + ext + " for " + type));
                }
            }
        }
    }

    /**
     * Bytes after a PDF's last {@code %%EOF} (beyond whitespace) are reported, and when they are a file
     * of their own (a ZIP, a 7z, an executable, another PDF) they are checked like an archive member.
     * Incremental updates end in {@code %%EOF} each, so only what follows the last one counts.
     */
    private void pdfTail(Source file, String path, int depth, List<Finding> findings, List<FileReport> members, List<Path> temps)
            throws IOException {
        long start = PdfInspector.trailingDataOffset(file);
        if (start < 0) {
            hiddenZip(file, path, depth, findings, members, temps);
            return;
        }
        long length = file.size() - start;
        findings.add(Finding.of(FormatCode.PDF_TRAILING_DATA, path, length + " bytes from offset " + start));
        Path tail = Files.createTempFile("pec4j-tail-", ".bin");
        temps.add(tail);
        copy(file, start, tail);
        String tailType = detect(tail);
        if (tailType.equals("application/octet-stream")) {
            return; // unknown bytes: the finding says it all
        }
        if (depth >= policy.maxArchiveDepth()) {
            findings.add(Finding.of(FormatCode.ARCHIVE_TOO_DEEP, path, "data after %%EOF at depth " + (depth + 1)));
            return;
        }
        // named after its own type, so the member is judged by its content, not by a name it never had
        String ext = policy.allowedTypes().getOrDefault(tailType, Set.of()).stream().sorted().findFirst().orElse("bin");
        String tailName = "after-EOF." + ext;
        members.add(inspect(tail, tailName, path + "/" + tailName, depth + 1, temps));
    }

    private static Verdict verdictOf(Severity s) {
        return s == Severity.ERROR ? Verdict.REJECT : s == Severity.WARNING ? Verdict.WARN : Verdict.ACCEPT;
    }

    /** The type by content: the exact shortcut for the usual signatures first (FMT-DETECT-01), else Tika. */
    static Detector detector() {
        return DETECTOR;
    }

    private String detect(Path file) throws IOException {
        java.util.Optional<String> fast = fastTypes ? FastTypes.detect(file) : java.util.Optional.empty();
        return fast.isPresent() ? fast.get() : tikaDetect(file);
    }

    /** Tika's magic detection alone: the reference the shortcut is tested against. */
    static String tikaDetect(Path file) throws IOException {
        return tikaDetect(Source.of(file));
    }

    private static String tikaDetect(Source source) throws IOException {
        try (TikaInputStream in = source.tika()) {
            return DETECTOR.detect(in, new Metadata()).getBaseType().toString();
        }
    }

    /** The source's bytes from {@code start} to its end into {@code target}, a file just made. */
    private static void copy(Source source, long start, Path target) throws IOException {
        try (java.nio.channels.SeekableByteChannel in = source.open();
                java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(target, StandardOpenOption.WRITE)) {
            out.transferFrom(in.position(start), 0, in.size() - start);
        }
    }

    /** Markup that starts with an element and closes one: XML even without {@code <?xml}. */
    private static boolean looksLikeXml(byte[] h) {
        String t = new String(h, StandardCharsets.UTF_8).strip();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        return t.startsWith("<") && !t.startsWith("<!") && t.length() > 2 && Character.isLetter(t.charAt(1))
                && (t.contains("/>") || t.contains("</"));
    }

    /** What makes the bytes executable, or null. */
    private static String executable(byte[] h, String type) {
        if (h.length >= 2 && h[0] == 'M' && h[1] == 'Z') return "Windows executable (MZ/PE)";
        if (h.length >= 4 && h[0] == 0x7F && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') return "ELF executable";
        if (h.length >= 4 && (h[0] & 0xFF) == 0xCF && (h[1] & 0xFF) == 0xFA && (h[2] & 0xFF) == 0xED && (h[3] & 0xFF) == 0xFE) {
            return "Mach-O executable";
        }
        if (h.length >= 2 && h[0] == '#' && h[1] == '!') return "script (#!)";
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) return "HTML, which can run scripts";
        if (type.contains("javascript") || type.equals("application/x-sh") || type.equals("application/x-bat")
                || type.equals("application/x-msdownload") || type.equals("application/x-executable")) {
            return type;
        }
        return null;
    }

    /**
     * A ZIP appended to a PDF and followed by a forged {@code %%EOF} ends the file with its central
     * directory, where ZIP readers look: when the PDF also opens as a ZIP, that archive is reported
     * and checked as a member, like data after the last {@code %%EOF}.
     */
    private void hiddenZip(Source file, String path, int depth, List<Finding> findings, List<FileReport> members, List<Path> temps)
            throws IOException {
        if (!PdfInspector.hasZipDirectoryAtEnd(file)) {
            return;
        }
        String memberPath = path + "/hidden.zip";
        List<Finding> zipFindings = new ArrayList<>();
        List<FileReport> zipMembers = new ArrayList<>();
        zip(file.file(temps), "application/zip", memberPath, depth + 1, zipFindings, zipMembers, temps);
        if (zipMembers.isEmpty() && zipFindings.stream().allMatch(f -> f.code() == FormatCode.UNREADABLE)) {
            return; // the signature bytes were chance, not a directory
        }
        findings.add(Finding.of(FormatCode.PDF_TRAILING_DATA, path, "a ZIP archive whose directory ends the file"));
        members.add(report(memberPath, "application/zip", file.size(), zipFindings, zipMembers));
    }

    // ------------------------------------------------------------------ names

    private void checkName(String raw, String path, List<Finding> findings) {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || driveLetter(name) || name.equals("..")) {
            findings.add(Finding.of(FormatCode.PATH_TRAVERSAL, path, name));
            int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            name = name.substring(cut + 1);
        }
        List<String> problems = new ArrayList<>();
        if (name.codePoints().anyMatch(c -> c < 0x20 || c == 0x7F)) problems.add("control character");
        if (name.chars().anyMatch(c -> ":*?\"<>|".indexOf(c) >= 0)) problems.add("character : * ? \" < > |");
        if (name.startsWith(".")) problems.add("leading dot");
        if (name.endsWith(".") || name.endsWith(" ")) problems.add("trailing dot or space");
        if (RESERVED.matcher(name).matches()) problems.add("reserved device name");
        if (name.codePointCount(0, name.length()) > policy.maxNameLength()) problems.add("longer than " + policy.maxNameLength());
        if (name.isBlank()) problems.add("empty");
        if (allowedCharacter != null) {
            String refused = name.codePoints().filter(c -> !allowedCharacter.matcher(Character.toString(c)).matches()).distinct()
                    .limit(5).mapToObj(Character::toString).collect(java.util.stream.Collectors.joining(" "));
            if (!refused.isEmpty()) problems.add("characters not allowed by the office: " + refused);
        }
        if (!problems.isEmpty()) {
            findings.add(Finding.of(FormatCode.NAME_INVALID, path, "'" + name + "' (" + String.join(", ", problems) + ")"));
        }
        String[] parts = name.toLowerCase(Locale.ROOT).split("\\.");
        int last = parts.length - 1;
        while (last > 0 && SIGNATURE_SUFFIXES.contains(parts[last])) {
            last--; // stacked signature suffixes (.pdf.p7m.p7m) are allowed
        }
        if (last >= 1 && policy.names().executableExtensions().contains(parts[last])) {
            findings.add(Finding.of(last >= 2 ? FormatCode.NAME_DOUBLE_EXTENSION : FormatCode.NAME_INVALID, path,
                    "'" + name + "' ends in ." + parts[last]));
        }
    }

    /** The extension that names the content: signature suffixes stripped only when the content is not the container. */
    private static String extension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        int dot = n.lastIndexOf('.');
        return dot >= 0 && dot < n.length() - 1 ? n.substring(dot + 1) : "";
    }

    // ------------------------------------------------------------------ zip, ooxml, odf

    private String zip(Path file, String detected, String path, int depth, List<Finding> findings, List<FileReport> members,
            List<Path> temps) throws IOException {
        long compressed = Math.max(1, Files.size(file));
        ZipFile opened;
        try {
            // names without the UTF-8 flag are CP437 (what the ZIP specification says and Windows writes
            // for Italian letters); Info-ZIP Unicode path fields win over both
            opened = ZipFile.builder().setPath(file).setCharset(CP437).setUseUnicodeExtraFields(true).get();
        } catch (IOException e) {
            findings.add(Finding.of(FormatCode.UNREADABLE, path, "ZIP: " + e.getMessage()));
            return detected;
        }
        try (ZipFile zip = opened) {
            List<ZipArchiveEntry> entries = java.util.Collections.list(zip.getEntries());
            if (entries.size() > policy.maxArchiveEntries()) {
                findings.add(Finding.of(FormatCode.ARCHIVE_TOO_MANY_ENTRIES, path, entries.size() + " > " + policy.maxArchiveEntries()));
                return detected;
            }
            long declared = 0;
            for (ZipArchiveEntry e : entries) {
                declared += Math.max(0, e.getSize());
                if (isTraversal(e.getName())) {
                    findings.add(Finding.of(FormatCode.PATH_TRAVERSAL, path + "/" + e.getName(), e.getName()));
                }
            }
            if (declared > policy.maxExpandedBytes() || declared / compressed > policy.maxExpansionRatio()) {
                findings.add(Finding.of(FormatCode.ARCHIVE_BOMB, path, "declares " + declared + " bytes from " + compressed));
                return detected;
            }
            if (entries.stream().anyMatch(e -> e.getGeneralPurposeBit().usesEncryption())) {
                findings.add(Finding.of(FormatCode.ENCRYPTED, path, "ZIP with encrypted entries"));
                return detected;
            }
            ZipArchiveEntry contentTypes = zip.getEntry("[Content_Types].xml");
            ZipArchiveEntry mimetype = zip.getEntry("mimetype");
            if (contentTypes != null) {
                OfficeMacros.ooxml(zip, entries, path, policy.maxFileBytes(), policy.maxExpandedBytes(), temps, findings);
                return ooxml(zip, contentTypes, entries, path, findings);
            }
            if (mimetype != null) {
                OfficeMacros.odf(zip, entries, path, findings);
                return odf(zip, mimetype, entries, path, findings);
            }
            if (depth >= policy.maxArchiveDepth()) {
                findings.add(Finding.of(FormatCode.ARCHIVE_TOO_DEEP, path, "depth " + (depth + 1) + " > " + policy.maxArchiveDepth()));
                return "application/zip";
            }
            long expanded = 0;
            for (ZipArchiveEntry e : entries) {
                String entryName = entryName(e, path, findings);
                if (e.isDirectory() || isTraversal(entryName)) {
                    continue;
                }
                Path tmp = Files.createTempFile("pec4j-member-", ".bin");
                temps.add(tmp);
                long limit = Math.min(policy.maxExpandedBytes() - expanded, compressed * policy.maxExpansionRatio() - expanded);
                long n = copyCounting(zip.getInputStream(e), tmp, limit);
                if (n < 0) {
                    findings.add(Finding.of(FormatCode.ARCHIVE_BOMB, path, "expands beyond " + (expanded + limit) + " bytes while read"));
                    return "application/zip";
                }
                expanded += n;
                String memberName = entryName.substring(entryName.lastIndexOf('/') + 1);
                members.add(inspect(tmp, memberName, path + "/" + entryName, depth + 1, temps));
            }
            return "application/zip";
        } catch (UnsupportedZipFeatureException e) {
            findings.add(Finding.of(e.getFeature() == UnsupportedZipFeatureException.Feature.ENCRYPTION ? FormatCode.ENCRYPTED
                    : FormatCode.UNREADABLE, path, "ZIP: " + e.getMessage()));
            return detected;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            findings.add(Finding.of(FormatCode.UNREADABLE, path, "ZIP: " + e.getMessage()));
            return detected;
        }
    }

    /**
     * The entry's name: UTF-8 when general-purpose bit 11 is set or an Info-ZIP Unicode path field
     * gives it, CP437 otherwise (APPNOTE; FMT-NAME-01). A non-ASCII CP437 name is reported, and when
     * its bytes are also well-formed UTF-8 (tools that forget the flag) the report shows that reading
     * too, so the operator can tell.
     */
    private static String entryName(ZipArchiveEntry e, String path, List<Finding> findings) {
        byte[] raw = e.getRawName();
        if (e.getNameSource() != ZipArchiveEntry.NameSource.NAME || raw == null || isAscii(raw)) {
            return e.getName();
        }
        String detail = "CP437 (no ZIP UTF-8 flag)";
        try {
            String utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw)).toString();
            detail += "; as UTF-8 it would read '" + utf8 + "'";
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            // plain CP437
        }
        findings.add(Finding.of(FormatCode.NAME_ENCODING, path + "/" + e.getName(), detail));
        return e.getName();
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /** 7z: declared sizes first, then members extracted under a memory limit while real bytes are counted. */
    private void sevenZ(Path file, String path, int depth, List<Finding> findings, List<FileReport> members, List<Path> temps)
            throws IOException {
        if (depth >= policy.maxArchiveDepth()) {
            findings.add(Finding.of(FormatCode.ARCHIVE_TOO_DEEP, path, "depth " + (depth + 1) + " > " + policy.maxArchiveDepth()));
            return;
        }
        long compressed = Math.max(1, Files.size(file));
        try (org.apache.commons.compress.archivers.sevenz.SevenZFile z = org.apache.commons.compress.archivers.sevenz.SevenZFile.builder()
                .setPath(file).setMaxMemoryLimitKiB(64 * 1024).get()) { // 64 MiB for decoder dictionaries
            List<org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry> entries = new ArrayList<>();
            z.getEntries().forEach(entries::add);
            if (entries.size() > policy.maxArchiveEntries()) {
                findings.add(Finding.of(FormatCode.ARCHIVE_TOO_MANY_ENTRIES, path, entries.size() + " > " + policy.maxArchiveEntries()));
                return;
            }
            long declared = entries.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
            if (declared > policy.maxExpandedBytes() || declared / compressed > policy.maxExpansionRatio()) {
                findings.add(Finding.of(FormatCode.ARCHIVE_BOMB, path, "declares " + declared + " bytes from " + compressed));
                return;
            }
            long expanded = 0;
            org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (isTraversal(e.getName())) {
                    findings.add(Finding.of(FormatCode.PATH_TRAVERSAL, path + "/" + e.getName(), e.getName()));
                    continue;
                }
                if (e.isDirectory() || !e.hasStream()) {
                    continue;
                }
                Path tmp = Files.createTempFile("pec4j-member-", ".bin");
                temps.add(tmp);
                long limit = Math.min(policy.maxExpandedBytes() - expanded, compressed * policy.maxExpansionRatio() - expanded);
                long n = copyCounting(z.getInputStream(e), tmp, limit);
                if (n < 0) {
                    findings.add(Finding.of(FormatCode.ARCHIVE_BOMB, path, "expands beyond " + (expanded + limit) + " bytes while read"));
                    return;
                }
                expanded += n;
                String memberName = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                members.add(inspect(tmp, memberName, path + "/" + e.getName(), depth + 1, temps));
            }
        } catch (org.apache.commons.compress.PasswordRequiredException e) {
            findings.add(Finding.of(FormatCode.ENCRYPTED, path, "7z with a password"));
        } catch (org.apache.commons.compress.MemoryLimitException e) {
            findings.add(Finding.of(FormatCode.ARCHIVE_BOMB, path, "7z needs more memory than allowed: " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            findings.add(Finding.of(FormatCode.UNREADABLE, path, "7z: " + e.getMessage()));
        }
    }

    private static boolean isTraversal(String name) {
        return name.startsWith("/") || name.startsWith("\\") || name.contains("../") || name.contains("..\\") || name.contains("\\")
                || driveLetter(name);
    }

    /** {@code C:…}: a Windows drive, whatever follows (a line break too). */
    private static boolean driveLetter(String name) {
        char c = name.length() >= 2 && name.charAt(1) == ':' ? name.charAt(0) : 0;
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Copies at most {@code limit} bytes; returns the count, or -1 when the stream had more. */
    private static long copyCounting(InputStream in, Path target, long limit) throws IOException {
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (in; OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
                if (n > limit) {
                    return -1;
                }
                out.write(buf, 0, r);
            }
        }
        return n;
    }

    private static String readSmall(ZipFile zip, ZipArchiveEntry e, int max) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        }
    }

    /** The OOXML type; a part named {@code vbaProject.bin} or {@code vbaData.xml}, or a macro-enabled type, is a macro (FMT-MACRO-01). */
    private static String ooxml(ZipFile zip, ZipArchiveEntry contentTypes, List<ZipArchiveEntry> entries, String path, List<Finding> findings)
            throws IOException {
        String ct = readSmall(zip, contentTypes, 1024 * 1024);
        for (ZipArchiveEntry e : entries) {
            String n = e.getName().toLowerCase(Locale.ROOT);
            if (n.endsWith("vbaproject.bin") || n.endsWith("vbadata.xml")) {
                findings.add(Finding.of(FormatCode.MACRO, path, e.getName()));
                break;
            }
        }
        if (ct.toLowerCase(Locale.ROOT).contains("macroenabled")) {
            if (findings.stream().noneMatch(f -> f.code() == FormatCode.MACRO)) {
                findings.add(Finding.of(FormatCode.MACRO, path, "macro-enabled content type"));
            }
            return ct.contains("wordprocessingml") ? "application/vnd.ms-word.document.macroenabled.12"
                    : ct.contains("spreadsheetml") ? "application/vnd.ms-excel.sheet.macroenabled.12"
                    : "application/vnd.ms-powerpoint.presentation.macroenabled.12";
        }
        if (ct.contains("wordprocessingml.document.main")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (ct.contains("spreadsheetml.sheet.main")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if (ct.contains("presentationml.presentation.main")) return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        return "application/x-tika-ooxml";
    }

    private static String odf(ZipFile zip, ZipArchiveEntry mimetype, List<ZipArchiveEntry> entries, String path, List<Finding> findings)
            throws IOException {
        String type = readSmall(zip, mimetype, 200).trim().toLowerCase(Locale.ROOT);
        ZipArchiveEntry manifest = zip.getEntry("META-INF/manifest.xml");
        if (manifest != null && readSmall(zip, manifest, 1024 * 1024).contains("encryption-data")) {
            findings.add(Finding.of(FormatCode.ENCRYPTED, path, "ODF encryption-data"));
        }
        return type.isEmpty() ? "application/zip" : type;
    }

    // ------------------------------------------------------------------ pdf, ole2, eml

    /**
     * OLE2 compound files: legacy Office documents (VBA storages are macros; an EncryptedPackage is an
     * encrypted OOXML) and Outlook {@code .msg} messages, whose attachments are checked as members.
     */
    private String ole2(Path file, String name, String path, int depth, List<Finding> findings, List<FileReport> members,
            List<Path> temps) throws IOException {
        if (Set.of("docx", "xlsx", "pptx", "docm", "xlsm", "pptm").contains(extension(name))) {
            // Office wraps a password-protected OOXML document in an OLE2 file (EncryptedPackage):
            // OLE2 bytes under an OOXML name are encrypted content whatever the directory says
            findings.add(Finding.of(FormatCode.ENCRYPTED, path, "OLE2 file under an OOXML name (encrypted OOXML)"));
            return "application/x-tika-ooxml-protected";
        }
        try (CompoundFile cf = CompoundFile.open(file)) {
            List<String> names = cf.entries().stream().map(CompoundFile.Entry::name).toList();
            if (names.contains("EncryptedPackage")) {
                findings.add(Finding.of(FormatCode.ENCRYPTED, path, "OLE2 EncryptedPackage (encrypted OOXML)"));
                return "application/x-tika-ooxml-protected";
            }
            String vba = OfficeMacros.vbaEntry(cf);
            if (vba != null) {
                findings.add(Finding.of(FormatCode.MACRO, path, "VBA storage (" + vba + ")"));
            }
            List<CompoundFile.Entry> top = cf.children(cf.root());
            boolean msg = top.stream().anyMatch(e -> e.name().startsWith("__substg1.0_") || e.name().equals("__properties_version1.0"));
            if (!msg) {
                return "application/x-tika-msoffice";
            }
            msgAttachments(cf, top, path, depth, findings, members, temps);
            return "application/vnd.ms-outlook";
        } catch (IOException e) {
            findings.add(Finding.of(FormatCode.UNREADABLE, path, "OLE2: " + e.getMessage()));
            return "application/x-tika-msoffice";
        }
    }

    /** Each {@code __attach_version1.0_#n} storage: its data (PR_ATTACH_DATA_BIN) checked under its long file name. */
    private void msgAttachments(CompoundFile cf, List<CompoundFile.Entry> top, String path, int depth, List<Finding> findings,
            List<FileReport> members, List<Path> temps) throws IOException {
        List<CompoundFile.Entry> attachments = top.stream().filter(e -> e.isStorage() && e.name().startsWith("__attach_version1.0_#"))
                .sorted(java.util.Comparator.comparing(CompoundFile.Entry::name)).toList();
        if (attachments.isEmpty()) {
            return;
        }
        if (depth >= policy.maxArchiveDepth()) {
            findings.add(Finding.of(FormatCode.ARCHIVE_TOO_DEEP, path, "depth " + (depth + 1) + " > " + policy.maxArchiveDepth()));
            return;
        }
        if (attachments.size() > policy.maxArchiveEntries()) {
            findings.add(Finding.of(FormatCode.ARCHIVE_TOO_MANY_ENTRIES, path, attachments.size() + " > " + policy.maxArchiveEntries()));
            return;
        }
        int n = 0;
        for (CompoundFile.Entry storage : attachments) {
            n++;
            java.util.Map<String, CompoundFile.Entry> props = new java.util.HashMap<>();
            for (CompoundFile.Entry e : cf.children(storage)) {
                props.put(e.name().toUpperCase(Locale.ROOT), e);
            }
            String name = msgString(cf, props, "3707").orElse(msgString(cf, props, "3704").orElse("attachment-" + n));
            CompoundFile.Entry data = props.get("__SUBSTG1.0_37010102");
            if (data == null || !data.isStream()) {
                String what = props.containsKey("__SUBSTG1.0_3701000D") ? "embedded message or OLE object" : "attachment without data";
                members.add(new FileReport(path + "/" + name, "application/octet-stream", 0, Verdict.WARN,
                        List.of(Finding.of(FormatCode.NOT_INSPECTED, path + "/" + name, what)), List.of()));
                continue;
            }
            Path tmp = Files.createTempFile("pec4j-member-", ".bin");
            temps.add(tmp);
            Files.write(tmp, cf.read(data, policy.maxFileBytes() + 1L));
            members.add(inspect(tmp, name, path + "/" + name, depth + 1, temps));
        }
    }

    /** A string property: UTF-16LE ({@code 001F}) or 8-bit ({@code 001E}, read as Windows-1252). */
    private static java.util.Optional<String> msgString(CompoundFile cf, java.util.Map<String, CompoundFile.Entry> props, String tag)
            throws IOException {
        CompoundFile.Entry unicode = props.get("__SUBSTG1.0_" + tag + "001F");
        CompoundFile.Entry ansi = props.get("__SUBSTG1.0_" + tag + "001E");
        String v = unicode != null ? new String(cf.read(unicode, 4096), StandardCharsets.UTF_16LE)
                : ansi != null ? new String(cf.read(ansi, 4096), Charset.forName("windows-1252")) : null;
        v = v == null ? null : v.replace("\0", "").strip();
        return v == null || v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v);
    }

    /**
     * A name for a temporary file not made yet, unguessable (64 random bits), for a file the signature module renames
     * into place: made here first, it would be one more file made and deleted per signed document.
     */
    private static Path unmadeTempFile(String prefix) {
        return Path.of(System.getProperty("java.io.tmpdir")).resolve(prefix + Long.toUnsignedString(RANDOM.nextLong()) + ".bin");
    }

    /** A signed or time-stamped container: its signature must verify, and its content is checked as a member. */
    private void signed(Path file, String name, String path, int depth, List<Finding> findings, List<FileReport> members,
            List<Path> temps, Consumer<DocumentReport> signature) throws IOException {
        Path inner = unmadeTempFile("pec4j-signed-");
        temps.add(inner);
        DocumentReport r = documents.verifyAndExtract(file, inner);
        if (signature != null) signature.accept(r);
        if (r.integrity() != io.github.pec4j.signature.Integrity.VALID) {
            findings.add(Finding.of(FormatCode.SIGNATURE_INVALID, path, r.integrity().name().toLowerCase(Locale.ROOT)));
        }
        if (r.content().isEmpty() || r.layers().isEmpty()) {
            return;
        }
        if (depth >= policy.maxArchiveDepth() + 2) {
            findings.add(Finding.of(FormatCode.ARCHIVE_TOO_DEEP, path, "signed containers nested too deep"));
            return;
        }
        String innerName = name;
        while (SIGNATURE_SUFFIXES.contains(extension(innerName)) && innerName.lastIndexOf('.') > 0) {
            innerName = innerName.substring(0, innerName.lastIndexOf('.'));
        }
        members.add(inspect(inner, innerName, path + "!" + innerName, depth + 1, temps));
    }

    /** DER of the enveloped-data and authEnveloped-data content types (RFC 5652 §6, RFC 5083). */
    private static final byte[][] ENVELOPED_OIDS = {
        {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x03},
        {0x06, 0x0B, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17}};

    /**
     * Whether the file is a CMS ContentInfo (a SEQUENCE) naming an enveloped content type: its OID comes right after the
     * tag and length, read from the head already in memory.
     */
    private static boolean envelopedData(byte[] head) {
        if (head.length == 0 || head[0] != 0x30) return false;
        for (byte[] oid : ENVELOPED_OIDS) {
            for (int i = 0; i + oid.length <= Math.min(head.length, 8 + oid.length); i++) {
                if (java.util.Arrays.equals(head, i, i + oid.length, oid, 0, oid.length)) return true;
            }
        }
        return false;
    }

    private void eml(Source file, String path, int depth, List<Finding> findings, List<FileReport> members, List<Path> temps)
            throws IOException {
        if (depth >= policy.maxArchiveDepth()) {
            findings.add(Finding.of(FormatCode.ARCHIVE_TOO_DEEP, path, "depth " + (depth + 1) + " > " + policy.maxArchiveDepth()));
            return;
        }
        try (PecMessage m = file.bytes() != null ? PecParser.create().parse(file.bytes()) : PecParser.create().parse(file.file(temps))) {
            for (Attachment a : m.attachments()) {
                // read where the parser keeps it, before the message is closed
                members.add(inspect(sourceOf(a), a.name(), path + "/" + a.safeName(), depth + 1, temps, null));
            }
        }
    }
}
