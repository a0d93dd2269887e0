package io.github.pec4j.registry;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Documents that can only be made once the number is known, e.g. the segnatura: the registry calls
 * this inside the registration transaction, after assigning the number and before committing, and
 * stores what it returns with the registration. If it throws, the registration is rolled back and no
 * number is consumed (DPR 445/2000 art. 53 c.3, art. 55).
 */
@FunctionalInterface
public interface GeneratedDocuments {
    List<DocumentRequest> generate(ProtocolId id, Instant registeredAt) throws IOException;
}
