package io.github.pec4j.registry;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Documents that can only be made once the number is known, e.g. the segnatura: the registry calls
 * this inside the registration transaction, after assigning the number and before committing, and
 * stores what it returns with the registration. If it throws, the registration is rolled back and no
 * number is consumed (DPR 445/2000 art. 53 c.3, art. 55).
 *
 * <p>A registry may call it more than once for one registration (a transaction retried after a
 * deadlock, or restarted because the year changed while it waited for the number) and keeps only the
 * last result: it must have no side effects and depend only on its arguments.
 */
@FunctionalInterface
public interface GeneratedDocuments {
    /**
     * Generates documents that need the protocol id, such as a segnatura, inside the registration's transaction.
     *
     * @param id the number just assigned
     * @param registeredAt the registration time
     * @return the documents to store with the registration
     * @throws IOException when generation fails; the registration is rolled back and the number not used
     */
    List<DocumentRequest> generate(ProtocolId id, Instant registeredAt) throws IOException;
}
