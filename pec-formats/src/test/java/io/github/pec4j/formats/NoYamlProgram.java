package io.github.pec4j.formats;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by {@link OptionalYamlTest} in a JVM without jackson-dataformat-yaml: what an integrator without YAML does. */
public final class NoYamlProgram {
    private NoYamlProgram() {}

    public static void main(String[] args) throws Exception {
        Path pdf = Files.createTempFile("pec4j-noyaml-", ".pdf");
        try {
            Files.write(pdf, FormatCheckerTest.PDF.getBytes(StandardCharsets.ISO_8859_1));
            System.out.println("default " + FormatChecker.create(FormatPolicy.caluso()).check(pdf, "istanza.pdf").verdict());
            FormatPolicy json = FormatPolicy.fromJson(new ByteArrayInputStream(("{\"allowedTypes\":{\"text/plain\":[\"txt\"]},"
                    + "\"maxFileBytes\":1000,\"maxTotalBytes\":1000,\"maxNameLength\":50,\"maxArchiveDepth\":1,\"maxArchiveEntries\":10,"
                    + "\"maxExpansionRatio\":10,\"maxExpandedBytes\":1000}").getBytes(StandardCharsets.UTF_8)));
            System.out.println("json " + FormatChecker.create(json).check(pdf, "istanza.pdf").verdict());
        } finally {
            Files.deleteIfExists(pdf);
        }
        try {
            FormatPolicy.fromYaml(new ByteArrayInputStream("maxFileBytes: 1\n".getBytes(StandardCharsets.UTF_8)));
            System.out.println("yaml read");
        } catch (IllegalStateException e) {
            System.out.println("yaml " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
