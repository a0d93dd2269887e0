import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Verifies a staged release (a Maven file repository written by {@code -P release deploy}) the way Maven
 * Central's validation would, offline: every expected artifact is there with its POM, its jar, its
 * -sources.jar and -javadoc.jar (each a readable archive with the right kind of content), and each POM,
 * with what it inherits from a parent that is staged too, has the elements Central requires (name,
 * description, url, licenses, developers, scm with url and connection). When any file is signed, every
 * file must be. Nothing else may be staged (the CLI, the examples and the benchmarks are not published).
 *
 * <p>Run by tools/release-check/pom.xml in the release profile; by hand:
 * {@code java tools/release-check/ReleaseCheck.java target/staging io.github.pec4j 0.1.0-SNAPSHOT a,b,...}
 */
public final class ReleaseCheck {
    private final Path root;
    private final String groupId;
    private final String version;
    private final List<String> problems = new ArrayList<>();

    private ReleaseCheck(Path root, String groupId, String version) {
        this.root = root;
        this.groupId = groupId;
        this.version = version;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ReleaseCheck <staging dir> <groupId> <version> <artifactId,artifactId,...>");
            System.exit(2);
        }
        ReleaseCheck check = new ReleaseCheck(Path.of(args[0]), args[1], args[2]);
        List<String> expected = List.of(args[3].trim().split("\\s*,\\s*"));
        check.run(expected);
    }

    private void run(List<String> expected) throws Exception {
        if (!Files.isDirectory(root)) fail(root + ": nothing staged");
        Path groupDir = root.resolve(groupId.replace('.', '/'));
        TreeSet<String> staged = new TreeSet<>();
        if (Files.isDirectory(groupDir)) {
            try (Stream<Path> dirs = Files.list(groupDir)) {
                dirs.filter(Files::isDirectory).forEach(d -> staged.add(d.getFileName().toString()));
            }
        }
        boolean signed = anySignature(groupDir);
        System.out.printf("Staged in %s (%s):%n", root, signed ? "signed" : "unsigned: no -Dgpg.keyname");
        for (String artifactId : expected) {
            checkArtifact(artifactId, signed);
        }
        for (String extra : staged) {
            if (!expected.contains(extra)) problems.add(extra + ": staged but not meant to be published");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.out.println("  FAIL " + p));
            fail(problems.size() + " problem(s) in the staged release");
        }
        System.out.printf("Release check passed: %d artifacts, each with its POM metadata%s.%n", expected.size(),
                signed ? " and signatures" : "");
    }

    private void checkArtifact(String artifactId, boolean signed) throws Exception {
        Path dir = root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Optional<Path> pom = latestPom(dir);
        if (pom.isEmpty()) {
            problems.add(artifactId + ": no POM staged in " + dir);
            return;
        }
        String base = pom.get().getFileName().toString().replaceFirst("\\.pom$", "");
        Document doc = read(pom.get());
        String packaging = text(doc.getDocumentElement(), "packaging").orElse("jar");
        List<String> files = new ArrayList<>(List.of(base + ".pom"));
        if (packaging.equals("jar")) {
            checkArchive(artifactId, dir.resolve(base + ".jar"), ".class");
            checkArchive(artifactId, dir.resolve(base + "-sources.jar"), ".java");
            checkArchive(artifactId, dir.resolve(base + "-javadoc.jar"), "index.html");
            files.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
        } else if (!packaging.equals("pom")) {
            problems.add(artifactId + ": unexpected packaging " + packaging);
        }
        checkMetadata(artifactId, doc);
        if (signed) {
            for (String f : files) {
                if (!Files.isRegularFile(dir.resolve(f + ".asc"))) problems.add(artifactId + ": " + f + " is not signed");
            }
        }
        System.out.printf("  %-22s %-4s %s%n", artifactId, packaging,
                packaging.equals("jar") ? "jar, sources, javadoc, pom" : "pom");
    }

    /** The POM's own elements or, for the inheritable ones, its staged parent's. */
    private void checkMetadata(String artifactId, Document doc) throws Exception {
        Element project = doc.getDocumentElement();
        require(artifactId, project, "name");
        require(artifactId, project, "description");
        String url = inherited(project, "url");
        if (url == null || !url.startsWith("https://")) problems.add(artifactId + ": no https project url");
        else if (url.endsWith("/" + artifactId)) problems.add(artifactId + ": url " + url + " has the artifactId appended");
        Element licenses = inheritedElement(project, "licenses");
        if (licenses == null || child(child(licenses, "license"), "name") == null) problems.add(artifactId + ": no license");
        Element developers = inheritedElement(project, "developers");
        Element developer = developers == null ? null : child(developers, "developer");
        if (developer == null || (child(developer, "id") == null && child(developer, "name") == null)) {
            problems.add(artifactId + ": no developer with an id or a name");
        }
        Element scm = inheritedElement(project, "scm");
        if (scm == null || child(scm, "url") == null || child(scm, "connection") == null) {
            problems.add(artifactId + ": scm lacks url or connection");
        }
    }

    private void require(String artifactId, Element project, String name) {
        String own = text(project, name).orElse("");
        if (own.isBlank()) problems.add(artifactId + ": no <" + name + "> of its own");
    }

    private String inherited(Element project, String name) throws Exception {
        Element e = inheritedElement(project, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private Element inheritedElement(Element project, String name) throws Exception {
        for (Element p = project; p != null; p = parentOf(p)) {
            Element e = child(p, name);
            if (e != null) return e;
        }
        return null;
    }

    /** The staged parent POM, or null when there is none (a parent must be published with its children). */
    private Element parentOf(Element project) throws Exception {
        Element parent = child(project, "parent");
        if (parent == null) return null;
        String g = text(parent, "groupId").orElse(""), a = text(parent, "artifactId").orElse(""), v = text(parent, "version").orElse("");
        Optional<Path> pom = latestPom(root.resolve(g.replace('.', '/')).resolve(a).resolve(v));
        if (pom.isEmpty()) {
            problems.add(a + ": parent POM " + g + ":" + a + ":" + v + " is not staged");
            return null;
        }
        return read(pom.get()).getDocumentElement();
    }

    private void checkArchive(String artifactId, Path jar, String mustContain) throws IOException {
        if (!Files.isRegularFile(jar)) {
            problems.add(artifactId + ": missing " + jar.getFileName());
            return;
        }
        int matching = 0;
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().endsWith(mustContain)) matching++;
            }
        }
        if (matching == 0) problems.add(artifactId + ": " + jar.getFileName() + " has no " + mustContain + " entry");
    }

    /** Snapshots are staged with a timestamp in the name; the newest (highest build number) wins. */
    private static Optional<Path> latestPom(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pom"))
                    .max((x, y) -> Long.compare(buildNumber(x), buildNumber(y)) != 0
                            ? Long.compare(buildNumber(x), buildNumber(y))
                            : x.getFileName().toString().compareTo(y.getFileName().toString()));
        }
    }

    private static long buildNumber(Path pom) {
        String name = pom.getFileName().toString().replaceFirst("\\.pom$", "");
        int dash = name.lastIndexOf('-');
        try {
            return Long.parseLong(name.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean anySignature(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".asc"));
        }
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        if (parent == null) return null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) return (Element) n;
        }
        return null;
    }

    private static Optional<String> text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().trim());
    }

    private static void fail(String message) {
        System.out.println(message);
        System.exit(1);
    }
}
