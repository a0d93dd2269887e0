package io.github.pec4j.segnatura;

import io.github.pec4j.core.Diagnostic;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SegnaturaVerifier} found: the segnatura read (empty when unreadable), the signature verdict, each
 * document's comparison, and the anomaly codes they imply (SEG-RECV-01, SEG-RECV-02). Immutable.
 *
 * @param received the segnatura as read, with its raw bytes and warnings; empty when it could not be read
 * @param signature the signature verdict
 * @param signer the signing certificate, when one was found
 * @param signingTime the claimed {@code xades:SigningTime}, when present
 * @param documents one check per document of the segnatura, primary first
 * @param missingFiles the documents' names without a received file
 * @param undeclaredFiles the received files' names the segnatura does not declare
 * @param anomalies the anomaly codes implied, each once, in code order
 * @param diagnostics everything found, reading warnings included
 */
public record SegnaturaCheck(Optional<ReceivedSegnatura> received, SignatureStatus signature, Optional<X509Certificate> signer,
        Optional<Instant> signingTime, List<DocumentCheck> documents, List<String> missingFiles, List<String> undeclaredFiles,
        List<AnomalyCode> anomalies, List<Diagnostic> diagnostics) {

    /**
     * Checks for presence and copies the lists.
     *
     * @param received the segnatura as read, with its raw bytes and warnings; empty when it could not be read
     * @param signature the signature verdict
     * @param signer the signing certificate, when one was found
     * @param signingTime the claimed {@code xades:SigningTime}, when present
     * @param documents one check per document of the segnatura, primary first
     * @param missingFiles the documents' names without a received file
     * @param undeclaredFiles the received files' names the segnatura does not declare
     * @param anomalies the anomaly codes implied, each once, in code order
     * @param diagnostics everything found, reading warnings included
     */
    public SegnaturaCheck {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signingTime, "signingTime");
        documents = List.copyOf(documents);
        missingFiles = List.copyOf(missingFiles);
        undeclaredFiles = List.copyOf(undeclaredFiles);
        anomalies = List.copyOf(anomalies);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * The format read, when the segnatura was readable.
     *
     * @return the format read, when the segnatura was readable
     */
    public Optional<SegnaturaFormat> format() {
        return received.map(ReceivedSegnatura::format);
    }

    /**
     * The segnatura's data, when it was readable.
     *
     * @return the segnatura's data, when it was readable
     */
    public Optional<Segnatura> segnatura() {
        return received.map(ReceivedSegnatura::segnatura);
    }

    /**
     * True when the signature is intact, XAdES, over the whole document and by a trusted signer.
     *
     * @return true when the signature is intact, XAdES, over the whole document and by a trusted signer
     */
    public boolean signatureValid() {
        return signature == SignatureStatus.VALID;
    }

    /**
     * True when no anomaly was found: the message may go on to the ricevibilità checks and registration.
     *
     * @return true when no anomaly was found: the message may go on to the ricevibilità checks and registration
     */
    public boolean passed() {
        return anomalies.isEmpty();
    }
}
