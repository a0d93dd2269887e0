package io.github.pec4j.testkit;

/** Deviations seen in real mailboxes, and hostile variants, that a fixture can carry. */
public enum Quirk {
    /** Header names in odd case ({@code X-Tiporicevuta}, {@code x-trasporto}) and values in mixed case. */
    LOWERCASE_HEADER_NAMES,
    /** {@code POSTA CERTIFICATA: POSTA CERTIFICATA: ...} Subject, and no {@code oggetto} in daticert. */
    DOUBLE_SUBJECT_PREFIX,
    /** postacert.eml saved under the original subject, as webmails do. */
    RENAMED_POSTACERT,
    /** The signed content wrapped as opaque {@code application/pkcs7-mime} ({@code smime.p7m}); built in memory. */
    OPAQUE_SIGNATURE,
    /** The original carries another complete signed PEC envelope as a {@code message/rfc822} attachment. */
    NESTED_PEC,
    /** No daticert.xml. */
    MISSING_DATICERT,
    /** daticert with a DOCTYPE declaring an external entity ({@code file:///etc/passwd}). */
    HOSTILE_DATICERT_XXE,
    /** daticert with a billion-laughs entity-expansion DOCTYPE. */
    HOSTILE_DATICERT_ENTITY_BOMB,
    /** daticert {@code zona="+01:00"}. */
    ZONA_WITH_COLON,
    /** daticert {@code data} without {@code zona}. */
    MISSING_ZONA,
    /** LF line endings throughout (the signature is over the CRLF form, as a stored message would be). */
    LF_LINE_ENDINGS,
    /** Accented attachment names in RFC 2231 ({@code filename*=}) and RFC 2047 ({@code name="=?UTF-8?B?..."}). */
    RFC2231_FILENAMES,
    /** The smime.p7s part cut short. */
    TRUNCATED_SIGNATURE,
    /** PEC headers but no provider signature. */
    UNSIGNED,
    /** daticert.xml after postacert.eml. */
    DATICERT_LAST,
    /** Stray text between daticert elements ({@code </risposte>a}). */
    STRAY_TEXT_IN_DATICERT,
    /** {@code X-Ricevuta: mancata-consegna} on an errore-consegna and {@code X-Tipo-Ricevuta: normale}. */
    NONSTANDARD_HEADER_VALUES,
    /** Attachments named {@code ../../etc/passwd} and {@code C:\Windows\evil.exe}. */
    PATH_TRAVERSAL_FILENAME,
    /** For an anomalia: the wrapped original is itself a PEC envelope with its own daticert. */
    ANOMALIA_WRAPPING_PEC
}
