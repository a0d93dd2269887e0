package io.github.pec4j.formats;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.formats.internal.DefaultFormatChecker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Checks files against a {@link FormatPolicy}: the real type from the content (Tika's magic-byte
 * detector, refined for OOXML and ODF), the extension against it, executables and scripts under any
 * name, macros, PDF active content and encryption, archive members recursively within limits
 * counted while reading, file names and sizes. Thread-safe.
 */
public interface FormatChecker {

    /**
     * Checks one file; {@code name} is the name it was sent under (the file's own name when null).
     *
     * @param file the file to check
     * @param name the name the file was sent under, or null for the file's own name
     * @return the report of the file, with its findings and verdict
     * @throws IOException when the file cannot be read; bad content never throws
     */
    FileReport check(Path file, String name) throws IOException;

    /**
     * Checks every attachment of a parsed message, and their total size.
     *
     * @param message a parsed message
     * @return one report per attachment, then one for the total size when it is exceeded
     * @throws IOException when an attachment cannot be read
     */
    List<FileReport> check(PecMessage message) throws IOException;

    /**
     * The overall verdict of a set of reports.
     *
     * @param reports the reports of the files
     * @return the overall verdict of a set of reports
     */
    static Verdict verdict(List<FileReport> reports) {
        return reports.stream().map(FileReport::verdict).reduce(Verdict.ACCEPT, Verdict::and);
    }

    /**
     * A checker for this policy.
     *
     * @param policy the policy to apply
     * @return a checker for this policy
     */
    static FormatChecker create(FormatPolicy policy) {
        return new DefaultFormatChecker(Objects.requireNonNull(policy, "policy"));
    }
}
