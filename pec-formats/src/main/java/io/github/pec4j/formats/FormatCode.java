package io.github.pec4j.formats;

import io.github.pec4j.core.DiagnosticCode;
import io.github.pec4j.core.Severity;

/**
 * Why a file was rejected or warned about. Each code has a stable {@link #id()} and a message in
 * Italian and in English that an operator can paste into a reply.
 */
public enum FormatCode implements DiagnosticCode {
    /** Format not allowed. */
    TYPE_NOT_ALLOWED(Severity.ERROR, "Formato non ammesso: %s.", "Format not allowed: %s."),
    /** The file extension does not match its content. */
    EXTENSION_MISMATCH(Severity.ERROR, "L'estensione del file non corrisponde al contenuto (%s).",
            "The file extension does not match its content (%s)."),
    /** The file contains executable code or a script. */
    EXECUTABLE(Severity.ERROR, "Il file contiene codice eseguibile o uno script (%s).", "The file contains executable code or a script (%s)."),
    /** The document contains macros. */
    MACRO(Severity.ERROR, "Il documento contiene macro (%s).", "The document contains macros (%s)."),
    /** The PDF contains active content. */
    PDF_ACTIVE_CONTENT(Severity.ERROR, "Il PDF contiene contenuto attivo (%s).", "The PDF contains active content (%s)."),
    /** The PDF contains embedded files. */
    PDF_EMBEDDED_FILE(Severity.WARNING, "Il PDF contiene file allegati al suo interno (%s).", "The PDF contains embedded files (%s)."),
    /** The PDF claims PDF/A conformance, not verified. */
    PDF_A_CLAIMED(Severity.INFO, "Il PDF dichiara la conformità PDF/A (%s), non verificata.", "The PDF claims PDF/A conformance (%s), not verified."),
    /** The PDF is readable but protected by an owner password. */
    PDF_OWNER_PASSWORD(Severity.WARNING, "Il PDF è leggibile ma protetto da una password del proprietario (%s).",
            "The PDF is readable but protected by an owner password (%s)."),
    /** The PDF pages differ in size or orientation. */
    PDF_PAGES_MIXED(Severity.WARNING, "Le pagine del PDF non hanno formato e orientamento omogenei (%s).",
            "The PDF pages differ in size or orientation (%s)."),
    /** The PDF carries data after its end (%EOF). */
    PDF_TRAILING_DATA(Severity.WARNING, "Il PDF contiene dati dopo la sua fine (%%%%EOF): %s.",
            "The PDF carries data after its end (%%%%EOF): %s."),
    /** The file is encrypted or password-protected. */
    ENCRYPTED(Severity.ERROR, "Il file è cifrato o protetto da password (%s).", "The file is encrypted or password-protected (%s)."),
    /** The file exceeds the maximum size allowed. */
    FILE_TOO_LARGE(Severity.ERROR, "Il file supera la dimensione massima consentita (%s).", "The file exceeds the maximum size allowed (%s)."),
    /** The attachments exceed the total size allowed. */
    TOTAL_TOO_LARGE(Severity.ERROR, "Gli allegati superano la dimensione complessiva consentita (%s).",
            "The attachments exceed the total size allowed (%s)."),
    /** The message exceeds the size allowed for sending. */
    OUTBOUND_TOO_LARGE(Severity.ERROR, "Il messaggio supera la dimensione consentita per l'invio (%s).",
            "The message exceeds the size allowed for sending (%s)."),
    /** File name not allowed. */
    NAME_INVALID(Severity.ERROR, "Nome del file non ammesso: %s.", "File name not allowed: %s."),
    /** The file name hides an executable extension. */
    NAME_DOUBLE_EXTENSION(Severity.ERROR, "Il nome del file nasconde un'estensione eseguibile (%s).",
            "The file name hides an executable extension (%s)."),
    /** The archive entry name was decoded with a fallback character set. */
    NAME_ENCODING(Severity.INFO, "Il nome dell'elemento d'archivio è stato decodificato come %s.",
            "The archive entry name was decoded as %s."),
    /** The file or archive entry name is a forbidden path. */
    PATH_TRAVERSAL(Severity.ERROR, "Il nome del file o dell'elemento d'archivio è un percorso non ammesso (%s).",
            "The file or archive entry name is a forbidden path (%s)."),
    /** The archive expands beyond the limits allowed. */
    ARCHIVE_BOMB(Severity.ERROR, "L'archivio si espande oltre i limiti consentiti (%s).", "The archive expands beyond the limits allowed (%s)."),
    /** Archive not admissible: its content cannot be checked. */
    ARCHIVE_NOT_ADMISSIBLE(Severity.ERROR, "Archivio non ammesso: il suo contenuto non può essere verificato (%s).",
            "Archive not admissible: its content cannot be checked (%s)."),
    /** Archives nested beyond the depth allowed. */
    ARCHIVE_TOO_DEEP(Severity.ERROR, "Archivi annidati oltre la profondità consentita (%s).", "Archives nested beyond the depth allowed (%s)."),
    /** The archive contains too many entries. */
    ARCHIVE_TOO_MANY_ENTRIES(Severity.ERROR, "L'archivio contiene troppi elementi (%s).", "The archive contains too many entries (%s)."),
    /** The document's digital signature is invalid or cannot be verified. */
    SIGNATURE_INVALID(Severity.ERROR, "La firma digitale del documento non è valida o non è verificabile (%s).",
            "The document's digital signature is invalid or cannot be verified (%s)."),
    /** The file cannot be read. */
    UNREADABLE(Severity.ERROR, "Il file non è leggibile (%s).", "The file cannot be read (%s)."),
    /** The check of the file could not be completed, so the file is not admitted. */
    CHECK_FAILED(Severity.ERROR, "Il controllo del file non è stato completato, quindi il file non è ammesso (%s).",
            "The check of the file could not be completed, so the file is not admitted (%s)."),
    /** Content not yet inspected by this version. */
    NOT_INSPECTED(Severity.WARNING, "Contenuto non ancora verificato da questa versione (%s).", "Content not yet inspected by this version (%s)."),
    /**
     * The parser did not read the whole message (a limit crossed, a part cut or unreadable): what lies
     * beyond is unknown. Never below {@link Severity#WARNING}, whatever the policy says (fail closed).
     */
    MESSAGE_INCOMPLETE(Severity.WARNING, "Il messaggio non è stato letto per intero, il contenuto non letto non è verificato (%s).",
            "The message was not read completely; the unread content is not checked (%s).");

    private final Severity severity;
    private final String italian;
    private final String english;

    FormatCode(Severity severity, String italian, String english) {
        this.severity = severity;
        this.italian = italian;
        this.english = english;
    }

    @Override
    public Severity defaultSeverity() {
        return severity;
    }

    /**
     * The Italian message with its detail.
     *
     * @param detail the finding's detail, put in the message's placeholder
     * @return the Italian message with its detail
     */
    public String italian(String detail) {
        return String.format(java.util.Locale.ITALIAN, italian, detail);
    }

    /**
     * The English message with its detail.
     *
     * @param detail the finding's detail, put in the message's placeholder
     * @return the English message with its detail
     */
    public String english(String detail) {
        return String.format(java.util.Locale.ROOT, english, detail);
    }
}
