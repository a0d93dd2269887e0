package io.github.pec4j.segnatura;

import io.github.pec4j.segnatura.internal.Verification;
import io.github.pec4j.signature.TrustStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a received segnatura before registration (SEG-RECV-01): its XAdES signature, with the JDK's XML-DSig
 * under secure validation, references resolved only inside the document, the signer judged by a
 * {@link TrustStore} at the clock's time; and every {@code Impronta} against the received file of the same
 * {@code nomeFile}. Anomalies: {@link AnomalyCode#VALIDAZIONE_FIRMA 001} when the segnatura is unreadable or its
 * signature is missing (v3), invalid or untrusted; {@link AnomalyCode#ANOMALIA_IMPRONTA 002} when a digest differs,
 * its file is missing or its algorithm is unknown; {@link AnomalyCode#DOCUMENTO_ALLEGATI_NON_LEGGIBILI 003} when a
 * file cannot be read. Legacy segnature (no signature by their circulars) get no 001 for it. Never throws for input.
 * Immutable and thread-safe.
 */
public final class SegnaturaVerifier {
    private final TrustStore trust;
    private final Clock clock;
    private final SegnaturaReader reader;

    private SegnaturaVerifier(TrustStore trust, Clock clock, SegnaturaReader reader) {
        this.trust = trust;
        this.clock = clock;
        this.reader = reader;
    }

    /**
     * A verifier trusting the seals {@code trust} vouches for (an empty store trusts nothing: every seal is 001).
     *
     * @param trust the seals and CAs trusted
     * @return a verifier trusting the seals {@code trust} vouches for (an empty store trusts nothing: every seal is
     *     001)
     */
    public static SegnaturaVerifier create(TrustStore trust) {
        return new SegnaturaVerifier(Objects.requireNonNull(trust, "trust"), Clock.systemUTC(), SegnaturaReader.create());
    }

    /**
     * This verifier judging certificates at another clock's time.
     *
     * @param value the clock certificates are judged at
     * @return this verifier judging certificates at another clock's time
     */
    public SegnaturaVerifier withClock(Clock value) {
        return new SegnaturaVerifier(trust, Objects.requireNonNull(value, "clock"), reader);
    }

    /**
     * This verifier reading with another reader (limits).
     *
     * @param value the reader to use
     * @return this verifier reading with another reader (limits)
     */
    public SegnaturaVerifier withReader(SegnaturaReader value) {
        return new SegnaturaVerifier(trust, clock, Objects.requireNonNull(value, "reader"));
    }

    /**
     * Verifies {@code segnatura} against the received files (the mail body is never one of them).
     *
     * @param segnatura the segnatura XML as received
     * @param files the files received with the segnatura
     * @return the check: the seal, each impronta, and the anomaly code when one applies
     */
    public SegnaturaCheck verify(byte[] segnatura, Collection<ReceivedFile> files) {
        return Verification.run(segnatura.clone(), List.copyOf(files), reader, trust, clock.instant());
    }

    /**
     * Verifies {@code segnatura} against files in memory, by name.
     *
     * @param segnatura the segnatura XML as received
     * @param files the files received, by name
     * @return the check: the seal, each impronta, and the anomaly code when one applies
     */
    public SegnaturaCheck verify(byte[] segnatura, Map<String, byte[]> files) {
        List<ReceivedFile> list = new ArrayList<>();
        files.forEach((name, content) -> list.add(ReceivedFile.of(name, content)));
        return verify(segnatura, list);
    }

    /**
     * Convenience: {@code create(trust).verify(segnatura, files)}.
     *
     * @param segnatura the segnatura XML as received
     * @param files the files received with the segnatura
     * @param trust the seals and CAs trusted
     * @return the check: the seal, each impronta, and the anomaly code when one applies
     */
    public static SegnaturaCheck verify(byte[] segnatura, Collection<ReceivedFile> files, TrustStore trust) {
        return create(trust).verify(segnatura, files);
    }
}
