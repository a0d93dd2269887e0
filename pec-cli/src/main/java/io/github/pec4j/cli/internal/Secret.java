package io.github.pec4j.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A password the command line names rather than holds: an environment variable or a file (its first line), or, discouraged
 * because other users see it in the process list and the shell's history, the value itself.
 */
final class Secret {
    private Secret() {}

    /**
     * The password given by at most one of {@code value}, {@code env} (a variable's name) and {@code file}.
     *
     * @param option the options' common prefix, for messages (e.g. {@code --trust-password})
     * @throws IllegalArgumentException when more than one is given, or the variable is not set (a usage error)
     * @throws IOException when the file cannot be read
     */
    static Optional<char[]> resolve(String option, String value, String env, Path file) throws IOException {
        int given = (value != null ? 1 : 0) + (env != null ? 1 : 0) + (file != null ? 1 : 0);
        if (given > 1) throw new IllegalArgumentException("give one of " + option + ", " + option + "-env and " + option + "-file");
        if (value != null) return Optional.of(value.toCharArray());
        if (env != null) {
            String v = System.getenv(env);
            if (v == null) throw new IllegalArgumentException(option + "-env: the environment variable " + env + " is not set");
            return Optional.of(v.toCharArray());
        }
        if (file == null) return Optional.empty();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return Optional.of((line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray());
    }
}
