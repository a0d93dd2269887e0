package io.github.pec4j.segnatura.internal;

import io.github.pec4j.segnatura.AggiornamentoConferma;
import io.github.pec4j.segnatura.AnnullamentoProtocollazione;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.MessaggioRicevuto;
import io.github.pec4j.segnatura.NotificaEccezione;
import io.github.pec4j.segnatura.ReceivedSegnatura;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import io.github.pec4j.segnatura.internal.pec.PecXml;
import io.github.pec4j.segnatura.internal.prot.ProtXml;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Between the four PEC messages of the model and their binding, both ways. */
final class PecMapping {
    private PecMapping() {}

    /** The binding of {@code m}, with the element name to write it under. */
    record Bound(String name, Class<?> type, Object value) {}

    static Bound toXml(InteropMessage m) {
        if (m instanceof ConfermaRicezione c) {
            return new Bound("ConfermaRicezione", PecXml.Conferma.class, conferma(c.identificatore(), c.messaggioRicevuto()));
        }
        if (m instanceof AggiornamentoConferma c) {
            return new Bound("AggiornamentoConferma", PecXml.Conferma.class, conferma(c.identificatore(), c.messaggioRicevuto()));
        }
        if (m instanceof NotificaEccezione n) {
            check(n.identificatore().stream().toList(), n.messaggioRicevuto());
            PecXml.NotificaEccezione x = new PecXml.NotificaEccezione();
            x.versione = Namespaces.VERSIONE;
            x.lang = Namespaces.LANG;
            x.identificatore = n.identificatore().map(ProtMapping::toXml).orElse(null);
            x.messaggioRicevuto = toXml(n.messaggioRicevuto());
            x.motivo = n.motivo();
            return new Bound("NotificaEccezione", PecXml.NotificaEccezione.class, x);
        }
        if (m instanceof AnnullamentoProtocollazione a) {
            check(List.of(a.identificatore()), null);
            PecXml.AnnullamentoProtocollazione x = new PecXml.AnnullamentoProtocollazione();
            x.versione = Namespaces.VERSIONE;
            x.lang = Namespaces.LANG;
            x.identificatore = ProtMapping.toXml(a.identificatore());
            x.motivo = a.motivo();
            x.provvedimento = a.provvedimento();
            return new Bound("AnnullamentoProtocollazione", PecXml.AnnullamentoProtocollazione.class, x);
        }
        throw new IllegalArgumentException("a segnatura is written by SegnaturaWriter, not as a PEC message: "
                + ((ReceivedSegnatura) m).format());
    }

    private static PecXml.Conferma conferma(Identificatore id, MessaggioRicevuto ricevuto) {
        check(List.of(id), ricevuto);
        PecXml.Conferma x = new PecXml.Conferma();
        x.versione = Namespaces.VERSIONE;
        x.lang = Namespaces.LANG;
        x.identificatore = ProtMapping.toXml(id);
        x.messaggioRicevuto = toXml(ricevuto);
        return x;
    }

    /** Refuses identificatori v3 cannot carry (SEG-ID-01). */
    private static void check(List<Identificatore> ids, @Nullable MessaggioRicevuto ricevuto) {
        StringBuilder problems = new StringBuilder();
        for (Identificatore id : ids) {
            id.violations().forEach(v -> problems.append(v).append("; "));
        }
        if (ricevuto != null) {
            ricevuto.identificatore().ifPresent(id -> id.violations().forEach(v -> problems.append("MessaggioRicevuto: ").append(v).append("; ")));
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.toString());
        }
    }

    private static PecXml.MessaggioRicevuto toXml(MessaggioRicevuto m) {
        PecXml.MessaggioRicevuto x = new PecXml.MessaggioRicevuto();
        x.identificatore = m.identificatore().map(ProtMapping::toXml).orElse(null);
        x.primaRegistrazione = m.primaRegistrazione().map(ProtMapping::toXml).orElse(null);
        x.descrizioneMessaggio = m.descrizioneMessaggio().orElse(null);
        return x;
    }

    static InteropMessage fromXml(String name, Object value, Warnings w) throws SegnaturaException {
        switch (name) {
            case "ConfermaRicezione", "AggiornamentoConferma" -> {
                PecXml.Conferma c = (PecXml.Conferma) value;
                ProtMapping.version(c.versione, c.lang, w);
                Identificatore id = ProtMapping.identificatore(c.identificatore, "Identificatore", w);
                MessaggioRicevuto m = fromXml(c.messaggioRicevuto, w);
                return name.equals("ConfermaRicezione") ? new ConfermaRicezione(id, m) : new AggiornamentoConferma(id, m);
            }
            case "NotificaEccezione" -> {
                PecXml.NotificaEccezione n = (PecXml.NotificaEccezione) value;
                ProtMapping.version(n.versione, n.lang, w);
                Optional<Identificatore> id = n.identificatore == null ? Optional.empty()
                        : Optional.of(ProtMapping.identificatore(n.identificatore, "Identificatore", w));
                return new NotificaEccezione(id, fromXml(n.messaggioRicevuto, w), ProtMapping.text(n.motivo).strip());
            }
            default -> {
                PecXml.AnnullamentoProtocollazione a = (PecXml.AnnullamentoProtocollazione) value;
                ProtMapping.version(a.versione, a.lang, w);
                return new AnnullamentoProtocollazione(ProtMapping.identificatore(a.identificatore, "Identificatore", w),
                        ProtMapping.text(a.motivo).strip(), ProtMapping.text(a.provvedimento).strip());
            }
        }
    }

    private static MessaggioRicevuto fromXml(PecXml.@Nullable MessaggioRicevuto m, Warnings w) throws SegnaturaException {
        if (m == null) {
            throw w.refuse(SegnaturaCode.SEG_INCOMPLETE, "no MessaggioRicevuto");
        }
        if (m.identificatore != null) {
            ProtXml.Identificatore prima = m.primaRegistrazione;
            return new MessaggioRicevuto(Optional.of(ProtMapping.identificatore(m.identificatore, "MessaggioRicevuto/Identificatore", w)),
                    prima == null ? Optional.empty()
                            : Optional.of(ProtMapping.identificatore(prima, "MessaggioRicevuto/PrimaRegistrazione", w)),
                    Optional.empty());
        }
        return MessaggioRicevuto.described(ProtMapping.text(m.descrizioneMessaggio).strip());
    }

}
