package io.github.pec4j.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The PEC header fields of a message's top-level header section, raw (trimmed, unfolded), whatever
 * the spelling of their names.
 *
 * @param trasporto {@code X-Trasporto}
 * @param ricevuta {@code X-Ricevuta}
 * @param tipoRicevuta {@code X-TipoRicevuta} (also spelt {@code X-Tiporicevuta}); the non-standard
 *     {@code X-Tipo-Ricevuta} is reported here too
 * @param riferimentoMessageId {@code X-Riferimento-Message-ID}, as written
 * @param verificaSicurezza {@code X-VerificaSicurezza}
 * @param mittente {@code X-Mittente}
 */
public record PecHeaders(
        Optional<String> trasporto,
        Optional<String> ricevuta,
        Optional<String> tipoRicevuta,
        Optional<String> riferimentoMessageId,
        Optional<String> verificaSicurezza,
        Optional<String> mittente) {

    /**
     * Creates the record: refuses null components.
     *
     * @param trasporto {@code X-Trasporto}
     * @param ricevuta {@code X-Ricevuta}
     * @param tipoRicevuta {@code X-TipoRicevuta} (also spelt {@code X-Tiporicevuta}); the non-standard {@code
     *     X-Tipo-Ricevuta} is reported here too
     * @param riferimentoMessageId {@code X-Riferimento-Message-ID}, as written
     * @param verificaSicurezza {@code X-VerificaSicurezza}
     * @param mittente {@code X-Mittente}
     */
    public PecHeaders {
        Objects.requireNonNull(trasporto, "trasporto");
        Objects.requireNonNull(ricevuta, "ricevuta");
        Objects.requireNonNull(tipoRicevuta, "tipoRicevuta");
        Objects.requireNonNull(riferimentoMessageId, "riferimentoMessageId");
        Objects.requireNonNull(verificaSicurezza, "verificaSicurezza");
        Objects.requireNonNull(mittente, "mittente");
    }

    /**
     * Reads the PEC fields of a header section.
     *
     * @param headers the top-level header section of a message
     * @return the PEC header fields, each empty when absent
     */
    public static PecHeaders of(Headers headers) {
        return new PecHeaders(
                headers.first("X-Trasporto"),
                headers.first("X-Ricevuta"),
                headers.first("X-TipoRicevuta").or(() -> headers.first("X-Tipo-Ricevuta")),
                headers.first("X-Riferimento-Message-ID"),
                headers.first("X-VerificaSicurezza"),
                headers.first("X-Mittente"));
    }

    /**
     * True when {@code X-Trasporto} or {@code X-Ricevuta} is present: the message claims to be PEC.
     *
     * @return true when either PEC transport header is present
     */
    public boolean claimsPec() {
        return trasporto.isPresent() || ricevuta.isPresent();
    }
}
