package io.github.pec4j.registry.tck;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import java.nio.charset.StandardCharsets;

/** Ready-made requests for the kit and for a vendor's own tests. */
public final class KitRequests {
    /** The register most kit tests use. */
    public static final RegisterId REGISTER = RegisterId.of("c_h501", "AOO_CENTRALE", "PG");
    /** The operator most kit tests act as. */
    public static final Actor OPERATOR = Actor.of("op.rossi", "Giulia Rossi, ufficio protocollo");

    private KitRequests() {}

    /**
     * An incoming PEC from a citizen with a small primary document, classified, not yet keyed.
     *
     * @param register the register the request numbers in
     * @param oggetto the subject of the registration
     * @return an incoming PEC from a citizen with a small primary document, classified, not yet keyed
     */
    public static RegistrationRequest.Builder incoming(RegisterId register, String oggetto) {
        return RegistrationRequest.incoming(register, Channel.PEC)
                .correspondent(Correspondent.of("Mario Rossi", "mario.rossi@pec.example.it").withTaxCode("RSSMRA80A01H501U"))
                .oggetto(oggetto)
                .document(DocumentRequest.of("istanza.pdf", "application/pdf", pdf(oggetto)))
                .classification(Classification.of("VI.3"))
                .operator(OPERATOR);
    }

    /**
     * An outgoing PEC to two recipients with a small primary document.
     *
     * @param register the register the request numbers in
     * @param oggetto the subject of the registration
     * @return an outgoing PEC to two recipients with a small primary document
     */
    public static RegistrationRequest.Builder outgoing(RegisterId register, String oggetto) {
        return RegistrationRequest.outgoing(register, Channel.PEC)
                .correspondent(Correspondent.of("Comune di Milano", "protocollo@pec.comune.milano.example.it").withIpaCode("c_f205"))
                .correspondent(Correspondent.of("Studio Bianchi", "studio.bianchi@pec.example.it"))
                .oggetto(oggetto)
                .document(DocumentRequest.of("risposta.pdf", "application/pdf", pdf(oggetto)))
                .classification(Classification.of("I.6"))
                .operator(OPERATOR);
    }

    /**
     * A tiny, valid-looking PDF whose text is {@code text}.
     *
     * @param text the text the PDF shows, ASCII
     * @return a tiny, valid-looking PDF whose text is {@code text}
     */
    public static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }
}
