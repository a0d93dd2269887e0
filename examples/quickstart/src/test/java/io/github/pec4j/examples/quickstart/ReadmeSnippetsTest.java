package io.github.pec4j.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code snippets marked {@code <!-- snippet: FILE#TAG -->} are the examples' code: each fenced block after
 * such a marker equals the region between {@code tag::TAG[]} and {@code end::TAG[]} in FILE (indentation removed).
 */
class ReadmeSnippetsTest {
    static final Path ROOT = Path.of("..", "..");
    static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```\\w*\\n(.*?)```\\n", Pattern.DOTALL);

    @Test
    void everyMarkedSnippetIsTheExamplesCode() throws Exception {
        Path readme = ROOT.resolve("README.md");
        assumeTrue(Files.exists(readme), "README not two levels above the example");
        Matcher m = MARKER.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        List<String> files = new ArrayList<>();
        while (m.find()) {
            files.add(m.group(1));
            assertEquals(region(ROOT.resolve(m.group(1)), m.group(2)), m.group(3), "README snippet of " + m.group(1) + "#" + m.group(2));
        }
        assertTrue(files.size() >= 5, "the README marks the examples' snippets: " + files);
    }

    static String region(Path file, String tag) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("tag::" + tag + "[]")) start = i + 1;
            if (lines.get(i).contains("end::" + tag + "[]")) end = i;
        }
        assertTrue(start > 0 && end >= start, file + " has no region " + tag);
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : region) out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        return out.toString();
    }
}
