package io.github.pec4j.examples.boot;

import io.github.pec4j.admission.AdmissionDecision;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Takes one PEC message in by hand (an upload, a message fetched elsewhere): parse, admit, register. */
@Service
public class IncomingPec {
    private final PecParser parser;
    private final PecAdmission admission;
    private final ProtocolRegistry registry;
    private final AooConfig aoo;

    /**
     * The starter's beans, injected.
     *
     * @param parser the parser
     * @param admission admission
     * @param registry the registry
     * @param aoo the AOO's configuration (its boxes)
     */
    public IncomingPec(PecParser parser, PecAdmission admission, ProtocolRegistry registry, AooConfig aoo) {
        this.parser = parser;
        this.admission = admission;
        this.registry = registry;
        this.aoo = aoo;
    }

    /**
     * Registers the message when admission says so.
     *
     * @param register the register to use
     * @param envelope the message as received
     * @return the registration, or empty when admission did not say REGISTER
     * @throws IOException when the registry fails
     */
    // tag::take[]
    public Optional<RegistrationResult> take(RegisterId register, byte[] envelope) throws IOException {
        try (PecMessage m = parser.parse(envelope)) {                       // never throws because of bad content
            AdmissionDecision decision = admission.admit(m);                 // signature, formats, CAD rules
            if (decision.registration().outcome() != AdmissionDecision.RegistrationOutcome.REGISTER) return Optional.empty();
            String sender = m.daticert().map(d -> d.mittente()).orElse(m.sender().orElse("(sconosciuto)"));
            RegistrationRequest.Builder request = RegistrationRequest.incoming(register, Channel.PEC)
                    .correspondent(Correspondent.of(sender, sender))
                    .oggetto(m.originalSubject().filter(s -> !s.isBlank()).orElse("(senza oggetto)"))
                    .document(new DocumentRequest("messaggio.eml", "message/rfc822", m.raw()::open, Optional.empty()))
                    .classification(Classification.of("I.1"))
                    .operator(Actor.system("protocollo-app"));
            PecAdmission.intakeKey(aoo.mailboxes().get(0), m).ifPresent(request::idempotencyKey); // taken in twice: registered once
            for (Attachment a : m.attachments()) {
                request.document(new DocumentRequest(a.safeName(), a.declaredType().isBlank() ? "application/octet-stream" : a.declaredType(),
                        a::openStream, Optional.of(Impronta.ofHex(a.sha256()))));
            }
            return Optional.of(registry.register(request.build()));
        }
    }
    // end::take[]
}
