package io.github.pec4j.mailroom.internal;

import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.mailroom.Folders;
import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.Office;
import io.github.pec4j.mailroom.Routing;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one mailroom was built with, checked by {@code Mailroom.Builder}.
 *
 * @param state the journal, outbox and leases (the registry's, or {@link LocalMailroomState})
 * @param sharedState whether {@code state} is the registry's (then the box is leased)
 * @param overdueCheckEvery how often the overdue watch runs; empty: never
 * @param fetchAhead INBOX messages fetched while the one before them is taken in (MRM-PREFETCH-01); 0: none
 * @param confermaRicezione whether a conferma di ricezione is sent when an incoming segnatura asks for it
 */
public record PipelineSettings(
        ProtocolRegistry registry,
        MailroomState state,
        boolean sharedState,
        RegisterId register,
        String box,
        AooConfig aoo,
        PecParser parser,
        PecAdmission admission,
        AdmissionEngine engine,
        ProviderSignatureVerifier verifier,
        Clock clock,
        Folders folders,
        String replyText,
        String replySubjectPrefix,
        Routing routing,
        Map<String, Office> offices,
        String notificationSender,
        String consultHint,
        Classification classification,
        Actor operator,
        MailroomListener listener,
        Metrics metrics,
        String nodeId,
        Duration leaseTtl,
        int batchSize,
        int fetchAhead,
        Duration pollInterval,
        int maxAttempts,
        Duration retryBase,
        Optional<Duration> archiveReceiptsAfter,
        int fetchAttempts,
        Optional<Duration> overdueCheckEvery,
        boolean confermaRicezione) {

    public PipelineSettings {
        offices = Map.copyOf(offices);
    }
}
