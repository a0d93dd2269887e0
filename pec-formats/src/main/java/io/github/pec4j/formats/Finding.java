package io.github.pec4j.formats;

import io.github.pec4j.core.Severity;
import java.util.Objects;

/**
 * One reason in a format report.
 *
 * @param code the stable code
 * @param severity ERROR rejects, WARNING warns, INFO informs
 * @param path the attachment or archive member concerned ({@code lettera.zip/allegati/a.pdf})
 * @param italian the message in Italian, ready for a reply
 * @param english the message in English
 */
public record Finding(FormatCode code, Severity severity, String path, String italian, String english) {
    /**
     * Creates the record: refuses null components.
     *
     * @param code the stable code
     * @param severity ERROR rejects, WARNING warns, INFO informs
     * @param path the attachment or archive member concerned ({@code lettera.zip/allegati/a.pdf})
     * @param italian the message in Italian, ready for a reply
     * @param english the message in English
     */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(italian, "italian");
        Objects.requireNonNull(english, "english");
    }

    /**
     * The same finding with another severity (an office's policy override).
     *
     * @param newSeverity the severity the policy sets
     * @return the same finding with another severity (an office's policy override)
     */
    public Finding withSeverity(Severity newSeverity) {
        return newSeverity == severity ? this : new Finding(code, newSeverity, path, italian, english);
    }

    /**
     * A finding with the code's default severity and messages built from {@code detail}.
     *
     * @param code what was found
     * @param path where it is: the attachment name, then {@code /member} for archive members
     * @param detail what was found, put in the code's messages
     * @return a finding with the code's default severity and messages built from {@code detail}
     */
    public static Finding of(FormatCode code, String path, String detail) {
        return new Finding(code, code.defaultSeverity(), path, code.italian(detail), code.english(detail));
    }
}
