package io.github.pec4j.admission;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.signature.TrustStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the segnatura or interoperability message among the attachments, and checks it. */
final class SegnaturaEvidence {
    /** What was found: the kind of message, the segnatura facts, and the MIME paths of the interop files. */
    record Found(Optional<Evidence.Kind> kind, Optional<Evidence.SegnaturaFact> fact, Set<String> files) {}

    private final TrustStore trust;

    SegnaturaEvidence(TrustStore trust) {
        this.trust = trust;
    }

    Found inspect(List<Attachment> attachments) {
        return new Found(Optional.empty(), Optional.empty(), Set.of());
    }
}
