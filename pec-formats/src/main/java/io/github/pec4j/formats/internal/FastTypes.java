package io.github.pec4j.formats.internal;

import io.github.pec4j.formats.internal.TikaMagics.Magic;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.detect.CompositeDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Tika's type for the usual attachment signatures (PDF, ZIP and its family, DER PKCS#7, OLE2) without
 * Tika's pass over all its magics (FMT-DETECT-01). Tika's answer is the type of the first magic, in
 * the order of priority then pattern size, that matches the first 64 KB. For a head that starts with
 * one of these signatures only the magics that can match such a head matter (the "rivals"); they are
 * derived here from Tika's own {@code tika-mimetypes.xml} and evaluated on the bytes. The answer is
 * given only when it is certain: the best matching rival is alone at its priority and size (or its
 * ties have its type), it is not one Tika refines by XML root, and every rival was evaluable exactly.
 * Otherwise (and when Tika is configured with other detectors or custom types) the answer is empty
 * and Tika decides. The rivals' byte patterns sought over wide ranges are all tried in one pass over the head
 * ({@link ByteClauseScan}). XML is not shortcut: for {@code <?xml} Tika's answer depends on the root element,
 * which it finds with a SAX parse of the head, as costly as the detection itself.
 */
final class FastTypes {
    /** Tika's head ({@code MimeTypes.getMinLength()}). */
    static final int TIKA_HEAD = 64 * 1024;
    /** Types Tika refines after the magic (XML root, HTML) or treats as "unknown": always left to Tika. */
    private static final Set<String> REFINED = Set.of("application/xml", "text/html", "application/octet-stream");
    private static final int LONGEST_PREFIX = 8;

    /** A signature, the lowest priority answered, its rivals in Tika's order, and the head they read. */
    record Group(String name, byte[] prefix, int floor, List<Magic> rivals, int need, List<String> unsupported, ByteClauseScan scan) {
        boolean usable() {
            return unsupported.isEmpty();
        }
    }

    private static final List<Group> GROUPS;
    private static final String DISABLED;
    private static final int HEAD_BYTES;

    static {
        List<Group> groups = List.of();
        String disabled;
        try {
            disabled = tikaAsShipped();
            if (disabled == null) {
                groups = groups(read());
            }
        } catch (IOException | RuntimeException e) {
            disabled = "rivals not derived: " + e.getClass().getName();
        }
        GROUPS = groups;
        DISABLED = disabled;
        HEAD_BYTES = groups.stream().filter(Group::usable).mapToInt(g -> Math.min(g.need(), TIKA_HEAD)).max().orElse(0);
    }

    private FastTypes() {}

    /** The signature groups and their rivals (empty when the shortcut is off). */
    static List<Group> groups() {
        return GROUPS;
    }

    /** How many first bytes of a file {@link #detect(byte[])} needs at most (0 when the shortcut is off). */
    static int headBytes() {
        return HEAD_BYTES;
    }

    /** Why the shortcut is off, or null. */
    static String disabled() {
        return DISABLED;
    }

    /** Tika's base type for the file, or empty when only Tika can tell. */
    static Optional<String> detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] prefix = in.readNBytes(LONGEST_PREFIX);
            Group g = group(prefix);
            if (g == null) {
                return Optional.empty();
            }
            byte[] head = Arrays.copyOf(prefix, Math.max(prefix.length, Math.min(g.need(), TIKA_HEAD)));
            int n = prefix.length + in.readNBytes(head, prefix.length, head.length - prefix.length);
            return answer(g, n == head.length ? head : Arrays.copyOf(head, n));
        }
    }

    /** Tika's base type for a file whose first bytes are {@code head} (at least {@link #headBytes()} of them, or all). */
    static Optional<String> detect(byte[] head) {
        Group g = group(head);
        return g == null ? Optional.empty() : answer(g, head);
    }

    private static Group group(byte[] head) {
        for (Group g : GROUPS) {
            if (startsWith(head, g.prefix())) {
                return g.usable() ? g : null;
            }
        }
        return null;
    }

    /** The first matching rival in Tika's order, if no rival of the same priority and size matches with another type. */
    private static Optional<String> answer(Group g, byte[] head) {
        Magic first = null;
        ByteClauseScan.Result scanned = g.scan().run(head);
        for (Magic m : g.rivals()) {
            if (first != null && (m.priority() != first.priority() || m.size() != first.size())) {
                break;
            }
            if (m.clause().eval(head, scanned)) {
                if (first == null) {
                    first = m;
                } else if (!m.type().equals(first.type())) {
                    return Optional.empty(); // Tika breaks this tie by name: not worth replicating
                }
            }
        }
        if (first == null || first.priority() < g.floor() || REFINED.contains(first.type())) {
            return Optional.empty();
        }
        return Optional.of(baseType(first.type()));
    }

    private static String baseType(String type) {
        return org.apache.tika.mime.MediaType.parse(type).getBaseType().toString();
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Null when DefaultFormatChecker's detector is Tika's MimeTypes alone, read from tika-mimetypes.xml alone. */
    private static String tikaAsShipped() throws IOException {
        Detector d = DefaultFormatChecker.detector();
        if (!(d instanceof CompositeDetector c) || c.getDetectors().size() != 1 || c.getDetectors().get(0) != MimeTypes.getDefaultMimeTypes()) {
            return "detector is not Tika's MimeTypes alone";
        }
        ClassLoader loader = MimeTypes.class.getClassLoader();
        if (System.getProperty("tika.custom-mimetypes") != null || loader.getResources("custom-mimetypes.xml").hasMoreElements()) {
            return "custom media types configured";
        }
        return null;
    }

    /** Tika's own magics, from the same resource its MimeTypesFactory reads. */
    static List<Magic> read() throws IOException {
        URL core = MimeTypes.class.getClassLoader().getResource("org/apache/tika/mime/tika-mimetypes.xml");
        if (core == null) {
            throw new IOException("tika-mimetypes.xml not found");
        }
        try (InputStream in = core.openStream()) {
            return TikaMagics.read(in, FastTypes::canonical);
        }
    }

    private static String canonical(String name) {
        try {
            MimeType t = MimeTypes.getDefaultMimeTypes().forName(name);
            return t.getName();
        } catch (MimeTypeException e) {
            throw new IllegalStateException("unknown type " + name, e);
        }
    }

    static List<Group> groups(List<Magic> magics) {
        List<Group> out = new ArrayList<>();
        out.add(group("PDF", bytes('%', 'P', 'D', 'F', '-'), 50, magics));
        out.add(group("ZIP", bytes('P', 'K', 3, 4), 50, magics));
        for (int len = 0x80; len <= 0x84; len++) {
            out.add(group("DER 30 " + Integer.toHexString(len), bytes(0x30, len), 50, magics));
        }
        out.add(group("OLE2", bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), 40, magics));
        return List.copyOf(out);
    }

    /** The rivals of a signature: every magic of priority at least {@code floor} that a head with it could match. */
    static Group group(String name, byte[] prefix, int floor, List<Magic> magics) {
        List<Magic> rivals = magics.stream().filter(m -> m.priority() >= floor && m.clause().compatible(prefix))
                .sorted(Comparator.comparingInt(Magic::priority).thenComparingInt(Magic::size).reversed()).toList();
        int need = rivals.stream().mapToInt(m -> m.clause().need()).max().orElse(0);
        List<String> unsupported = rivals.stream().map(m -> m.clause().unsupported()).filter(java.util.Objects::nonNull).toList();
        return new Group(name, prefix, floor, rivals, need, unsupported, ByteClauseScan.of(rivals));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
