package io.github.pec4j.simulator.internal;

import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.ReceiptType;
import java.util.ArrayList;
import java.util.List;

/**
 * A certified message the provider accepted: what every receipt, envelope and notice about it
 * shares.
 *
 * @param identificativo the provider's identificativo
 * @param sender the PEC box that sent it
 * @param clientMessageId its Message-ID, without angle brackets
 * @param subject its subject
 * @param to certified recipients outside Cc
 * @param cc certified recipients in Cc
 * @param esterno recipients that are not PEC boxes
 * @param receiptType the consegna asked for
 * @param raw the message as submitted
 */
record Letter(String identificativo, String sender, String clientMessageId, String subject, List<String> to, List<String> cc,
        List<String> esterno, ReceiptType receiptType, byte[] raw) {

    Letter {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        esterno = List.copyOf(esterno);
    }

    /** A builder for a message of {@code kind} about this letter, carrying the letter byte for byte. */
    MessageBuilder builder(PecFixtures fixtures, FixtureKind kind) {
        return fixtures.message(kind)
                .from(sender)
                .to(to.toArray(String[]::new))
                .cc(cc.toArray(String[]::new))
                .esterno(esterno.toArray(String[]::new))
                .subject(subject)
                .clientMessageId(clientMessageId)
                .identificativo(identificativo)
                .receiptType(receiptType)
                .original(raw);
    }

    /** The certified recipients, To first. */
    List<String> certified() {
        List<String> all = new ArrayList<>(to);
        all.addAll(cc);
        return all;
    }
}
