package io.github.pec4j.admission;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.segnatura.AnomalyCode;
import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.InteropMessages;
import io.github.pec4j.segnatura.ReceivedFile;
import io.github.pec4j.segnatura.SegnaturaCheck;
import io.github.pec4j.segnatura.SegnaturaReader;
import io.github.pec4j.segnatura.SegnaturaVerifier;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the segnatura or the Allegato 6 message among the attachments — by root element and
 * namespace, never by file name (SEG-MSG-01) — and checks the segnatura's seal and impronte
 * against the other attachments (SEG-RECV-01).
 */
final class SegnaturaEvidence {
    /** What was found: the kind of message, the segnatura facts, and the MIME paths of the interop files. */
    record Found(Optional<Evidence.Kind> kind, Optional<Evidence.SegnaturaFact> fact, Set<String> files) {}

    private final SegnaturaVerifier verifier;

    SegnaturaEvidence(TrustStore trust) {
        this.verifier = SegnaturaVerifier.create(trust);
    }

    Found inspect(List<Attachment> attachments) throws IOException {
        Optional<Evidence.Kind> kind = Optional.empty();
        Optional<Evidence.SegnaturaFact> fact = Optional.empty();
        Set<String> files = new HashSet<>();
        for (Attachment a : attachments) {
            if (!maybeXml(a)) continue;
            if (a.size() > SegnaturaReader.DEFAULT_MAX_BYTES || !a.complete()) {
                if (fact.isEmpty() && namedSegnatura(a)) {
                    files.add(a.mimePath());
                    fact = Optional.of(refused(a, !a.complete() ? Evidence.SegnaturaFact.UNREADABLE : Evidence.SegnaturaFact.REFUSED,
                            !a.complete() ? "the file was cut or could not be decoded" : "larger than " + SegnaturaReader.DEFAULT_MAX_BYTES + " bytes"));
                }
                continue;
            }
            byte[] xml;
            try (InputStream in = a.openStream()) {
                xml = in.readAllBytes();
            }
            Optional<InteropMessage.Kind> k = InteropMessages.detect(xml);
            if (k.isEmpty()) {
                // Fail closed: a segnatura refused as hostile or unreadable is reported, never ignored.
                if (fact.isEmpty() && (namedSegnatura(a) || claimsSegnatura(xml))) {
                    files.add(a.mimePath());
                    fact = Optional.of(refused(a, Evidence.SegnaturaFact.REFUSED, "refused unread (a DOCTYPE or entity declaration, "
                            + "not well-formed, or not a known segnatura format)"));
                }
                continue;
            }
            files.add(a.mimePath());
            switch (k.get()) {
                case SEGNATURA -> {
                    if (fact.isEmpty()) {
                        List<ReceivedFile> others = new ArrayList<>();
                        for (Attachment o : attachments) {
                            if (o != a) others.add(ReceivedFile.of(o));
                        }
                        fact = Optional.of(fact(verifier.verify(xml, others)));
                    }
                }
                case ANNULLAMENTO_PROTOCOLLAZIONE -> kind = Optional.of(Evidence.Kind.INTEROP_ANNULMENT);
                default -> kind = Optional.of(Evidence.Kind.INTEROP_CONFIRMATION);
            }
        }
        return new Found(kind, fact, Set.copyOf(files));
    }

    private static Evidence.SegnaturaFact fact(SegnaturaCheck check) {
        String format = check.format().map(f -> f.name().toLowerCase(Locale.ROOT)).orElse("unreadable");
        List<String> anomalies = check.anomalies().stream().map(AnomalyCode::wsdlSpelling).toList();
        List<String> detail = new ArrayList<>();
        detail.add("signature " + check.signature().name().toLowerCase(Locale.ROOT));
        check.documents().stream().filter(d -> d.status() != io.github.pec4j.segnatura.DocumentCheck.Status.MATCH && d.status() != io.github.pec4j.segnatura.DocumentCheck.Status.NO_IMPRONTA)
                .forEach(d -> detail.add(d.nomeFile() + ": " + d.status().name().toLowerCase(Locale.ROOT) + (d.detail().isEmpty() ? "" : " (" + d.detail() + ")")));
        check.missingFiles().forEach(f -> detail.add("missing " + f));
        Optional<String> sender = check.segnatura().map(s -> s.identificatore().reference());
        return new Evidence.SegnaturaFact(format, check.signatureValid(), anomalies, String.join("; ", detail), sender);
    }


    private static boolean maybeXml(Attachment a) {
        String n = a.name().toLowerCase(Locale.ROOT);
        return a.declaredType().contains("xml") || n.endsWith(".xml");
    }

    /** The fact for a segnatura that could not be checked: not valid, anomaly 000_Irricevibile. */
    private static Evidence.SegnaturaFact refused(Attachment a, String format, String why) {
        return new Evidence.SegnaturaFact(format, false, List.of(AnomalyCode.IRRICEVIBILE.wsdlSpelling()),
                a.name().strip() + " at " + a.mimePath() + ": " + why, Optional.empty());
    }

    private static boolean namedSegnatura(Attachment a) {
        return a.name().strip().toLowerCase(Locale.ROOT).startsWith("segnatura");
    }

    /** True when the first bytes name a segnatura root element, whatever the parser made of the rest. */
    private static boolean claimsSegnatura(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 64 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.contains("<Segnatura") || head.contains(":Segnatura") || head.contains("SegnaturaInformatica");
    }
}
