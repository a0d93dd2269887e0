package io.github.pec4j.formats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.github.pec4j.core.Severity;

/**
 * What an office admits over PEC: the allowed media types with their extensions, size limits,
 * file-name rules and archive limits. Built in code or loaded from JSON; {@link #caluso()} is the
 * documented default, after the Comune di Caluso manual: static, non-modifiable formats without
 * macros or executable code, at most 30 MB in total.
 *
 * @param allowedTypes media type → accepted extensions (lower case, without the dot)
 * @param maxFileBytes largest single file (decoded)
 * @param maxTotalBytes largest sum of a message's attachments
 * @param maxNameLength longest file name, in characters
 * @param maxArchiveDepth deepest nesting of archives
 * @param maxArchiveEntries most entries in one archive
 * @param maxExpansionRatio largest ratio of expanded to compressed bytes in one archive
 * @param maxExpandedBytes most bytes expanded from one archive, counted while reading
 * @param severities the office's severity for a code where it differs from the code's default
 *     (e.g. {@code PDF_EMBEDDED_FILE → ERROR}); {@link #UNYIELDING} codes cannot go below ERROR
 * @param names the office's file-name rules beyond the fixed ones (control characters, {@code / \ : * ? " < > |},
 *     leading dot, trailing dot or space, reserved device names are always refused)
 */
public record FormatPolicy(
        Map<String, Set<String>> allowedTypes,
        long maxFileBytes,
        long maxTotalBytes,
        int maxNameLength,
        int maxArchiveDepth,
        int maxArchiveEntries,
        int maxExpansionRatio,
        long maxExpandedBytes,
        Map<FormatCode, Severity> severities,
        NameRules names) {

    /**
     * File-name rules an office sets.
     *
     * @param allowedCharacters a regular expression each character of a name must match (e.g.
     *     {@code [\p{L}\p{N} ._()-]} for letters, digits, space, dot, underscore, brackets and
     *     hyphen), or null for any character the fixed rules allow
     * @param executableExtensions extensions that make a name executable when they come last (before
     *     any {@code .p7m}/{@code .m7m}/{@code .tsd}), lower case without the dot
     */
    public record NameRules(String allowedCharacters, Set<String> executableExtensions) {
        /** Any character the fixed rules allow; the usual Windows, macOS, Linux and Android executable extensions. */
        public static final NameRules DEFAULT = new NameRules(null, Set.of("exe", "com", "bat", "cmd", "scr", "pif", "vbs", "vbe", "js",
                "jse", "wsf", "wsh", "msi", "msp", "ps1", "jar", "sh", "cpl", "hta", "lnk", "dll", "app", "apk", "reg"));

        /**
         * @param allowedCharacters a regular expression each character of a name must match (e.g. {@code [\p{L}\p{N}
         *     ._()-]} for letters, digits, space, dot, underscore, brackets and hyphen), or null for any character
         *     the fixed rules allow
         * @param executableExtensions extensions that make a name executable when they come last (before any {@code
         *     .p7m}/{@code .m7m}/{@code .tsd}), lower case without the dot
         */
        @JsonCreator
        public NameRules(@JsonProperty("allowedCharacters") String allowedCharacters,
                @JsonProperty("executableExtensions") Set<String> executableExtensions) {
            if (allowedCharacters != null) {
                try {
                    java.util.regex.Pattern.compile(allowedCharacters);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IllegalArgumentException("names.allowedCharacters is not a regular expression: " + e.getDescription());
                }
            }
            this.allowedCharacters = allowedCharacters == null || allowedCharacters.isBlank() ? null : allowedCharacters;
            this.executableExtensions = executableExtensions == null ? (DEFAULT == null ? Set.of() : DEFAULT.executableExtensions)
                    : executableExtensions.stream().map(x -> x.toLowerCase(java.util.Locale.ROOT).replaceFirst("^\\.", ""))
                            .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
    }

    /**
     * Codes an office may not soften: executables, archive bombs, path traversal, RAR archives
     * (whose content pec4j cannot open, so it cannot vouch for it) and checks that could not be
     * completed (what was not seen cannot be admitted) are always rejected, whatever the policy says,
     * because accepting them puts the registry itself at risk.
     */
    public static final Set<FormatCode> UNYIELDING = Set.of(FormatCode.EXECUTABLE, FormatCode.ARCHIVE_BOMB, FormatCode.PATH_TRAVERSAL,
            FormatCode.ARCHIVE_NOT_ADMISSIBLE, FormatCode.CHECK_FAILED);

    /** Archive types never admitted (FMT-ARCH-01), even if a policy lists them. */
    public static final Set<String> NEVER_ADMITTED = Set.of("application/x-rar-compressed", "application/vnd.rar", "application/x-rar");

    /**
     * A policy with every code at its default severity.
     *
     * @param allowedTypes media type → accepted extensions (lower case, without the dot)
     * @param maxFileBytes largest single file (decoded)
     * @param maxTotalBytes largest sum of a message's attachments
     * @param maxNameLength longest file name, in characters
     * @param maxArchiveDepth deepest nesting of archives
     * @param maxArchiveEntries most entries in one archive
     * @param maxExpansionRatio largest ratio of expanded to compressed bytes in one archive
     * @param maxExpandedBytes most bytes expanded from one archive, counted while reading
     */
    public FormatPolicy(Map<String, Set<String>> allowedTypes, long maxFileBytes, long maxTotalBytes, int maxNameLength,
            int maxArchiveDepth, int maxArchiveEntries, int maxExpansionRatio, long maxExpandedBytes) {
        this(allowedTypes, maxFileBytes, maxTotalBytes, maxNameLength, maxArchiveDepth, maxArchiveEntries, maxExpansionRatio,
                maxExpandedBytes, Map.of(), NameRules.DEFAULT);
    }

    /**
     * Validates every setting and reports all failures at once.
     *
     * @param allowedTypes media type → accepted extensions (lower case, without the dot)
     * @param maxFileBytes largest single file (decoded)
     * @param maxTotalBytes largest sum of a message's attachments
     * @param maxNameLength longest file name, in characters
     * @param maxArchiveDepth deepest nesting of archives
     * @param maxArchiveEntries most entries in one archive
     * @param maxExpansionRatio largest ratio of expanded to compressed bytes in one archive
     * @param maxExpandedBytes most bytes expanded from one archive, counted while reading
     * @param severities the office's severity for a code where it differs from the code's default (e.g. {@code
     *     PDF_EMBEDDED_FILE → ERROR}); {@link #UNYIELDING} codes cannot go below ERROR
     * @param names the office's file-name rules beyond the fixed ones (control characters, {@code / \ : * ? " < > |},
     *     leading dot, trailing dot or space, reserved device names are always refused)
     */
    @JsonCreator
    public FormatPolicy(
            @JsonProperty("allowedTypes") Map<String, Set<String>> allowedTypes,
            @JsonProperty("maxFileBytes") long maxFileBytes,
            @JsonProperty("maxTotalBytes") long maxTotalBytes,
            @JsonProperty("maxNameLength") int maxNameLength,
            @JsonProperty("maxArchiveDepth") int maxArchiveDepth,
            @JsonProperty("maxArchiveEntries") int maxArchiveEntries,
            @JsonProperty("maxExpansionRatio") int maxExpansionRatio,
            @JsonProperty("maxExpandedBytes") long maxExpandedBytes,
            @JsonProperty("severities") Map<FormatCode, Severity> severities,
            @JsonProperty("names") NameRules names) {
        List<String> errors = new ArrayList<>();
        if (allowedTypes == null || allowedTypes.isEmpty()) errors.add("allowedTypes must not be empty");
        if (maxFileBytes < 1) errors.add("maxFileBytes must be >= 1");
        if (maxTotalBytes < 1) errors.add("maxTotalBytes must be >= 1");
        if (maxNameLength < 8) errors.add("maxNameLength must be >= 8");
        if (maxArchiveDepth < 0 || maxArchiveDepth > 10) errors.add("maxArchiveDepth must be in 0..10");
        if (maxArchiveEntries < 1) errors.add("maxArchiveEntries must be >= 1");
        if (maxExpansionRatio < 1) errors.add("maxExpansionRatio must be >= 1");
        if (maxExpandedBytes < 1) errors.add("maxExpandedBytes must be >= 1");
        if (allowedTypes != null) {
            allowedTypes.keySet().stream().filter(t -> t != null && NEVER_ADMITTED.contains(t.toLowerCase(java.util.Locale.ROOT)))
                    .forEach(t -> errors.add(t + " is never admitted"));
        }
        Map<FormatCode, Severity> sev = severities == null ? Map.of() : severities;
        sev.forEach((code, s) -> {
            if (code == null || s == null) {
                errors.add("severities must not contain null");
            } else if (UNYIELDING.contains(code) && s != Severity.ERROR) {
                errors.add(code + " is always an ERROR");
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid format policy: " + String.join("; ", errors));
        }
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        allowedTypes.forEach((k, v) -> copy.put(k.toLowerCase(java.util.Locale.ROOT), Set.copyOf(v)));
        this.allowedTypes = java.util.Collections.unmodifiableMap(copy);
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxNameLength = maxNameLength;
        this.maxArchiveDepth = maxArchiveDepth;
        this.maxArchiveEntries = maxArchiveEntries;
        this.maxExpansionRatio = maxExpansionRatio;
        this.maxExpandedBytes = maxExpandedBytes;
        this.names = names == null ? NameRules.DEFAULT : names;
        this.severities = sev.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(sev));
    }

    /**
     * The severity this policy gives {@code code}: the office's override, else the code's default.
     *
     * @param code the finding code
     * @return the severity this policy gives {@code code}: the office's override, else the code's default
     */
    public Severity severityOf(FormatCode code) {
        return severities.getOrDefault(code, code.defaultSeverity());
    }

    /**
     * A copy of this policy where {@code code} has severity {@code severity}.
     *
     * @param code the finding code
     * @param severity ERROR rejects, WARNING warns, INFO informs
     * @return a copy of this policy where {@code code} has severity {@code severity}
     */
    public FormatPolicy withSeverity(FormatCode code, Severity severity) {
        Map<FormatCode, Severity> m = new java.util.EnumMap<>(FormatCode.class);
        m.putAll(severities);
        m.put(code, severity);
        return new FormatPolicy(allowedTypes, maxFileBytes, maxTotalBytes, maxNameLength, maxArchiveDepth, maxArchiveEntries,
                maxExpansionRatio, maxExpandedBytes, m, names);
    }

    /**
     * A copy of this policy with other file-name rules.
     *
     * @param newNames the file-name rules
     * @return a copy of this policy with other file-name rules
     */
    public FormatPolicy withNames(NameRules newNames) {
        return new FormatPolicy(allowedTypes, maxFileBytes, maxTotalBytes, maxNameLength, maxArchiveDepth, maxArchiveEntries,
                maxExpansionRatio, maxExpandedBytes, severities, newNames);
    }

    /**
     * The Caluso-style default: TXT, XML, PDF (and PDF/A), ODT/ODP/ODS/ODG, DOCX/XLSX/PPTX, CSV,
     * JPG/JPEG, TIF/TIFF, GIF, PNG, EML, MSG, ZIP, 7z, and signed or time-stamped containers
     * ({@code .p7m}, {@code .p7s}, {@code .m7m}, {@code .tsd}); 30 MB in total, 30 MB per file,
     * names up to 100 characters, archives 3 levels deep, 1,000 entries, ratio 100, 100 MB expanded.
     *
     * @return the Caluso-style default: TXT, XML, PDF (and PDF/A), ODT/ODP/ODS/ODG, DOCX/XLSX/PPTX, CSV, JPG/JPEG,
     *     TIF/TIFF, GIF, PNG, EML, MSG, ZIP, 7z, and signed or time-stamped containers ({@code .p7m}, {@code .p7s},
     *     {@code .m7m}, {@code .tsd}); 30 MB in total, 30 MB per file, names up to 100 characters, archives 3 levels
     *     deep, 1,000 entries, ratio 100, 100 MB expanded
     */
    public static FormatPolicy caluso() {
        Map<String, Set<String>> t = new LinkedHashMap<>();
        t.put("text/plain", Set.of("txt", "csv"));
        t.put("text/csv", Set.of("csv"));
        t.put("application/xml", Set.of("xml"));
        t.put("text/xml", Set.of("xml"));
        t.put("application/pdf", Set.of("pdf"));
        t.put("application/vnd.oasis.opendocument.text", Set.of("odt"));
        t.put("application/vnd.oasis.opendocument.presentation", Set.of("odp"));
        t.put("application/vnd.oasis.opendocument.spreadsheet", Set.of("ods"));
        t.put("application/vnd.oasis.opendocument.graphics", Set.of("odg"));
        t.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Set.of("docx"));
        t.put("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Set.of("xlsx"));
        t.put("application/vnd.openxmlformats-officedocument.presentationml.presentation", Set.of("pptx"));
        t.put("image/jpeg", Set.of("jpg", "jpeg"));
        t.put("image/tiff", Set.of("tif", "tiff"));
        t.put("image/gif", Set.of("gif"));
        t.put("image/png", Set.of("png"));
        t.put("message/rfc822", Set.of("eml", "m7m"));
        t.put("application/vnd.ms-outlook", Set.of("msg"));
        t.put("application/zip", Set.of("zip"));
        t.put("application/x-7z-compressed", Set.of("7z"));
        t.put("application/pkcs7-signature", Set.of("p7m", "p7s"));
        t.put("application/pkcs7-mime", Set.of("p7m"));
        t.put("application/timestamped-data", Set.of("tsd"));
        return new FormatPolicy(t, 30L * 1024 * 1024, 30L * 1024 * 1024, 100, 3, 1_000, 100, 100L * 1024 * 1024);
    }

    /**
     * Reads a policy from JSON: the field names of this record; {@code severities} is optional;
     * unknown fields and invalid values are an error.
     *
     * @param json the JSON text
     * @return the policy
     * @throws IOException when the text cannot be read or is not a valid policy
     */
    public static FormatPolicy fromJson(InputStream json) throws IOException {
        return read(new ObjectMapper(), json);
    }

    /**
     * Reads a policy from YAML, with the same fields as {@link #fromJson}. Needs
     * {@code com.fasterxml.jackson.dataformat:jackson-dataformat-yaml} on the class path (an
     * optional dependency, so JSON-only users do not carry SnakeYAML; {@link #caluso()}, {@link
     * #fromJson} and the checker work without it).
     *
     * @param yaml the YAML text
     * @return the policy
     * @throws IllegalStateException when jackson-dataformat-yaml is missing (the message says what to add)
     * @throws IOException when the text cannot be read, is not a valid policy, or YAML support is absent
     */
    public static FormatPolicy fromYaml(InputStream yaml) throws IOException {
        // YAMLFactory is named only in YamlPolicies, so this class loads without the optional library
        return read(io.github.pec4j.formats.internal.YamlPolicies.mapper(), yaml);
    }

    /**
     * Reads a policy from a file: YAML for {@code .yaml}/{@code .yml}, JSON otherwise.
     *
     * @param file the policy file
     * @return the policy
     * @throws IOException when the file cannot be read or is not a valid policy
     */
    public static FormatPolicy load(java.nio.file.Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return n.endsWith(".yaml") || n.endsWith(".yml") ? fromYaml(in) : fromJson(in);
        }
    }

    private static FormatPolicy read(ObjectMapper mapper, InputStream in) throws IOException {
        try {
            return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(in, FormatPolicy.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            // our own validation message, not Jackson's wrapper text
            throw new IOException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
        }
    }

    /**
     * True when {@code mediaType} is admitted.
     *
     * @param mediaType a media type, lower case without parameters
     * @return true when {@code mediaType} is admitted
     */
    public boolean allows(String mediaType) {
        return allowedTypes.containsKey(mediaType);
    }
}
