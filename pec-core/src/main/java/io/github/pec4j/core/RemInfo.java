package io.github.pec4j.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Markers of ETSI Registered Electronic Mail (REM, EN 319 532; legacy TS 102 640) found in a message,
 * detected by content rather than by provider. PEC is migrating to REM and transitional messages may
 * carry both a daticert and REM evidence: both are reported. The evidence itself is not interpreted
 * yet; its parts stay available as attachments or in the raw message.
 *
 * @param headers the {@code REM-*} and {@code X-REM-*} header fields of the top-level section, raw
 * @param evidenceParts MIME paths of XML parts in the ERDS ({@value #ERDS_NAMESPACE}) or legacy REM
 *     ({@value #LEGACY_NAMESPACE}) namespace
 * @param uaMessageIdentifier {@code REM-UAMessageIdentifier}: the sender client's message id, without
 *     angle brackets (the REM twin of {@code X-Riferimento-Message-ID})
 */
public record RemInfo(List<Headers.Field> headers, List<String> evidenceParts, Optional<String> uaMessageIdentifier) {

    /** Namespace of ETSI EN 319 522 ERDS evidence. */
    public static final String ERDS_NAMESPACE = "http://uri.etsi.org/19522/v1#";
    /** Namespace of legacy ETSI TS 102 640 REM evidence. */
    public static final String LEGACY_NAMESPACE = "http://uri.etsi.org/02640/v2#";

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param headers the {@code REM-*} and {@code X-REM-*} header fields of the top-level section, raw
     * @param evidenceParts MIME paths of XML parts in the ERDS ({@value #ERDS_NAMESPACE}) or legacy REM ({@value
     *     #LEGACY_NAMESPACE}) namespace
     * @param uaMessageIdentifier {@code REM-UAMessageIdentifier}: the sender client's message id, without angle
     *     brackets (the REM twin of {@code X-Riferimento-Message-ID})
     */
    public RemInfo {
        headers = List.copyOf(headers);
        evidenceParts = List.copyOf(evidenceParts);
        Objects.requireNonNull(uaMessageIdentifier, "uaMessageIdentifier");
    }
}
