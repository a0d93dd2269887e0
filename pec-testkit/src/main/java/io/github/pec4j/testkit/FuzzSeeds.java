package io.github.pec4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a Jazzer fuzz test's seed corpus where regression mode replays it:
 * {@code src/test/resources/<package>/<TestClass>Inputs/<method>/}, relative to the module being built.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    /**
     * Replaces the seeds of {@code method} of {@code test} with {@code seeds}.
     *
     * @param seeds file name (characters outside {@code [A-Za-z0-9._-]} become {@code _}) to content
     * @param test the fuzz test class
     * @param method the fuzz test method
     * @throws IOException when the seed directory cannot be written
     */
    public static void write(Class<?> test, String method, Map<String, byte[]> seeds) throws IOException {
        write(test.getPackageName(), test.getSimpleName(), method, seeds);
    }

    /**
     * The same, for a test class named by its package and simple name.
     *
     * @param seeds file name (characters outside {@code [A-Za-z0-9._-]} become {@code _}) to content
     * @param packageName the test's package
     * @param testClass the test class's simple name
     * @param method the fuzz test method
     * @throws IOException when the seed directory cannot be written
     */
    public static void write(String packageName, String testClass, String method, Map<String, byte[]> seeds) throws IOException {
        Path dir = Path.of("src/test/resources", packageName.replace('.', '/'), testClass + "Inputs", method);
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Files.write(dir.resolve(e.getKey().replaceAll("[^A-Za-z0-9._-]", "_")), e.getValue());
        }
    }
}
