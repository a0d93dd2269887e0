package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pec-formats on the module path, as an integrator's own module uses it: compiled against it and
 * started with {@code --module-path} and {@code -m} only, no {@code --add-modules}, no {@code --add-reads}.
 */
class ModulePathTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a module requiring io.github.pec4j.formats checks a PDF, a ZIP and a signed file on the module path without extra flags")
    void startsOnTheModulePath() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("module-info.java"), "module demo { requires io.github.pec4j.formats; }\n");
        Files.writeString(src.resolve("demo/Main.java"), """
                package demo;

                import io.github.pec4j.formats.FormatChecker;
                import io.github.pec4j.formats.FormatPolicy;
                import java.nio.file.Files;
                import java.nio.file.Path;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
                        for (int i = 0; i < args.length; i += 2) {
                            Path f = Files.createTempFile("demo-", ".bin");
                            Files.write(f, java.util.Base64.getDecoder().decode(args[i + 1]));
                            System.out.println(args[i] + " " + checker.check(f, args[i]).verdict());
                            Files.delete(f);
                        }
                    }
                }
                """);
        String modulePath = ChildJvm.join(ChildJvm.runtimePath());
        Path classes = dir.resolve("classes");
        java.io.StringWriter javacOut = new java.io.StringWriter();
        int javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow().run(new java.io.PrintWriter(javacOut),
                new java.io.PrintWriter(javacOut), "-d", classes.toString(), "--module-path", modulePath,
                src.resolve("module-info.java").toString(), src.resolve("demo/Main.java").toString());
        assertThat(javac).as(javacOut.toString()).isZero();

        List<String> args = new ArrayList<>(List.of("--module-path", classes + File.pathSeparator + modulePath, "-m", "demo/demo.Main"));
        args.addAll(List.of("istanza.pdf", b64(io.github.pec4j.testkit.Attachments.pdf())));
        args.addAll(List.of("allegati.zip", b64(io.github.pec4j.testkit.Attachments.zip(new String[] {"a.txt", "testo"}))));
        args.addAll(List.of("fattura.xml.p7m", b64(io.github.pec4j.testkit.SignedDocuments.create().cades("<fattura/>".getBytes()))));
        ChildJvm.Result r = ChildJvm.run(args);

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("istanza.pdf ACCEPT", "allegati.zip ACCEPT", "fattura.xml.p7m ACCEPT");
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 on the module path the detection shortcut reads Tika's magics and is on (a diagnostic run opens the internal package)")
    void shortcutOnTheModulePath() throws Exception {
        Path src = dir.resolve("probe");
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("module-info.java"), "module probe { requires io.github.pec4j.formats; }\n");
        Files.writeString(src.resolve("probe/Main.java"), """
                package probe;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        Class<?> c = Class.forName(io.github.pec4j.formats.FormatChecker.class.getModule(), "io.github.pec4j.formats.internal.FastTypes");
                        java.lang.reflect.Method disabled = c.getDeclaredMethod("disabled");
                        java.lang.reflect.Method groups = c.getDeclaredMethod("groups");
                        disabled.setAccessible(true);
                        groups.setAccessible(true);
                        System.out.println("disabled=" + disabled.invoke(null) + " groups=" + ((java.util.List<?>) groups.invoke(null)).size());
                    }
                }
                """);
        String modulePath = ChildJvm.join(ChildJvm.runtimePath());
        Path classes = dir.resolve("probe-classes");
        java.io.StringWriter javacOut = new java.io.StringWriter();
        int javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow().run(new java.io.PrintWriter(javacOut),
                new java.io.PrintWriter(javacOut), "-d", classes.toString(), "--module-path", modulePath,
                src.resolve("module-info.java").toString(), src.resolve("probe/Main.java").toString());
        assertThat(javac).as(javacOut.toString()).isZero();

        // --add-opens only lets the probe call the package-private diagnostics; resource lookup is as without it
        ChildJvm.Result r = ChildJvm.run(List.of("--module-path", classes + File.pathSeparator + modulePath,
                "--add-opens", "io.github.pec4j.formats/io.github.pec4j.formats.internal=probe", "-m", "probe/probe.Main"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).as("on: Tika's magics read, every signature group derived (PDF, ZIP, OLE2, DER 30 80-84)")
                .isEqualTo("disabled=null groups=8");
    }

    private static String b64(byte[] b) {
        return java.util.Base64.getEncoder().encodeToString(b);
    }
}
