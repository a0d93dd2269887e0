package io.github.pec4j.formats;

import java.util.List;
import java.util.Objects;

/**
 * The admission report of one file (an attachment, a single file, or an archive member).
 *
 * @param path where it is: the attachment name, then {@code /member} for archive members
 * @param detectedType the media type detected from the content
 * @param size size in bytes
 * @param verdict accept, warn or reject
 * @param findings the reasons, for this file only
 * @param members reports of the members of an archive or container
 */
public record FileReport(String path, String detectedType, long size, Verdict verdict, List<Finding> findings, List<FileReport> members) {
    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param path where it is: the attachment name, then {@code /member} for archive members
     * @param detectedType the media type detected from the content
     * @param size size in bytes
     * @param verdict accept, warn or reject
     * @param findings the reasons, for this file only
     * @param members reports of the members of an archive or container
     */
    public FileReport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detectedType, "detectedType");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        members = List.copyOf(members);
    }

    /**
     * Every finding of this file and of its members, recursively.
     *
     * @return every finding of this file and of its members, recursively
     */
    public List<Finding> allFindings() {
        return java.util.stream.Stream.concat(findings.stream(), members.stream().flatMap(m -> m.allFindings().stream())).toList();
    }
}
