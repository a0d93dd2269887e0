package io.github.pec4j.mailroom.internal;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.segnatura.Destinatario;
import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.InteropMessages;
import io.github.pec4j.segnatura.ReceivedSegnatura;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaException;
import io.github.pec4j.segnatura.SegnaturaReader;
import io.github.pec4j.segnatura.Soggetto;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The received segnatura of a message, and the destination offices it names (its destinatari's codice UO; a foreign administration's office),
 * for routing. Only called when the admission found a segnatura; found by root element, never by file name.
 */
final class SegnaturaOffices {
    private SegnaturaOffices() {}

    static List<String> of(List<Attachment> attachments) throws IOException {
        return segnatura(attachments).map(s -> offices(s.destinatari())).orElse(List.of());
    }

    /** The received segnatura among the attachments; empty when none, or it cannot be read (the admission reports that). */
    static Optional<Segnatura> segnatura(List<Attachment> attachments) throws IOException {
        for (Attachment a : attachments) {
            if (!maybeXml(a) || !a.complete() || a.size() > SegnaturaReader.DEFAULT_MAX_BYTES) continue;
            byte[] xml;
            try (InputStream in = a.openStream()) {
                xml = in.readAllBytes();
            }
            if (InteropMessages.detect(xml).filter(k -> k == InteropMessage.Kind.SEGNATURA).isEmpty()) continue;
            try {
                if (InteropMessages.read(xml) instanceof ReceivedSegnatura r) return Optional.of(r.segnatura());
            } catch (SegnaturaException e) {
                return Optional.empty(); // the admission reports an unreadable segnatura; routing just has no office from it
            }
        }
        return Optional.empty();
    }

    /** An answer from another AOO (conferma, aggiornamento, eccezione, annullamento) and its XML as received. */
    record Answer(InteropMessage message, byte[] xml) {}

    /**
     * The first interop answer among the attachments, found by root element (SEG-MSG-01); empty when there is none or
     * it cannot be read.
     */
    static Optional<Answer> answer(List<Attachment> attachments) throws IOException {
        for (Attachment a : attachments) {
            if (!maybeXml(a) || !a.complete() || a.size() > SegnaturaReader.DEFAULT_MAX_BYTES) continue;
            byte[] xml;
            try (InputStream in = a.openStream()) {
                xml = in.readAllBytes();
            }
            if (InteropMessages.detect(xml).filter(k -> k != InteropMessage.Kind.SEGNATURA).isEmpty()) continue;
            try {
                return Optional.of(new Answer(InteropMessages.read(xml), xml));
            } catch (SegnaturaException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<String> offices(List<Destinatario> destinatari) {
        List<String> out = new ArrayList<>();
        for (Destinatario d : destinatari) {
            if (d.soggetto() instanceof Soggetto.Amministrazione am) am.codiceUo().ifPresent(out::add);
            if (d.soggetto() instanceof Soggetto.AmministrazioneEstera ae) ae.ufficio().ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private static boolean maybeXml(Attachment a) {
        return a.declaredType().contains("xml") || a.name().toLowerCase(Locale.ROOT).endsWith(".xml");
    }
}
