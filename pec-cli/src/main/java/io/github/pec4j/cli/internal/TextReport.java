package io.github.pec4j.cli.internal;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.OriginalMessage;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.SignedLayout;
import io.github.pec4j.signature.ProviderSignatureReport;
import java.io.PrintStream;
import java.util.Optional;

/** The human-readable report of {@code inspect}: one block per message, for a protocol operator. */
public final class TextReport {
    private TextReport() {}

    public static void print(PrintStream out, String file, PecMessage m, ProviderSignatureReport sig) {
        out.println("=== " + file);
        block(out, "", m, sig);
        out.println();
    }

    private static void block(PrintStream out, String indent, PecMessage m, ProviderSignatureReport sig) {
        row(out, indent, "Kind", m.kind().id() + m.innerKind().map(k -> " (wraps " + k.id() + ")").orElse("")
                + (m.virusRelated() ? "  [virus]" : ""));
        SignedLayout l = m.signedLayout();
        if (sig == null) {
            row(out, indent, "Signature", l.form() == SignedLayout.Form.NONE ? "none" : l.form().name().toLowerCase(java.util.Locale.ROOT)
                    + "  (nested: not verified)");
        } else {
            String what = switch (sig.verdict()) {
                case VALID_TRUSTED -> "intact, trusted provider";
                case VALID_UNTRUSTED_SIGNER -> sig.trust() == io.github.pec4j.signature.Trust.UNKNOWN
                        ? "intact, trust unknown (no --trust given)" : "intact, signer NOT trusted";
                case INVALID -> "INVALID: changed after signing or refused";
                case NOT_VERIFIABLE -> "NOT VERIFIABLE";
                case NOT_SIGNED -> "none";
            };
            row(out, indent, "Signature", what + (l.form() == SignedLayout.Form.OPAQUE ? "  (opaque smime.p7m)" : "")
                    + sig.digestAlgorithm().map(a -> ", " + a).orElse(""));
            sig.signer().ifPresent(c -> row(out, indent, "  signer", c.subject()));
            sig.signingTime().ifPresent(t -> row(out, indent, "  signing time", t.toString()
                    + sig.certificateValidAtTime().map(v -> v ? " (certificate valid then)" : " (certificate NOT valid then)").orElse("")));
            for (Diagnostic d : sig.diagnostics()) {
                out.printf("%s  %-7s %s%n%s          %s%n", indent, d.severity(), d.code().id(), indent, d.message());
            }
        }
        row(out, indent, "Subject", m.originalSubject().orElse("-"));
        row(out, indent, "Sender", m.sender().orElse("-"));
        Optional<Daticert> dc = m.daticert();
        if (dc.isPresent()) {
            Daticert d = dc.get();
            row(out, indent, "Daticert", "tipo " + d.tipo().raw() + ", errore " + d.errore().raw());
            row(out, indent, "  mittente", d.mittente());
            for (Daticert.Destinatario x : d.destinatari()) {
                row(out, indent, "  destinatario", x.indirizzo() + " (" + x.tipo().raw() + ")");
            }
            row(out, indent, "  data", d.data().instant().map(Object::toString)
                    .orElse(d.data().giorno() + " " + d.data().ora() + " (offset unknown)"));
            row(out, indent, "  gestore", d.gestoreEmittente());
            row(out, indent, "  identificativo", d.identificativo());
            d.msgid().ifPresent(v -> row(out, indent, "  msgid", v));
            d.ricevuta().ifPresent(v -> row(out, indent, "  ricevuta", v.raw()));
            d.consegna().ifPresent(v -> row(out, indent, "  consegna", v));
            d.ricezione().forEach(v -> row(out, indent, "  ricezione", v));
            d.erroreEsteso().ifPresent(v -> row(out, indent, "  errore-esteso", v.text()));
        } else {
            row(out, indent, "Daticert", "-");
        }
        m.correlation().riferimentoMessageId().ifPresent(v -> row(out, indent, "Client id", v));
        Optional<OriginalMessage> om = m.original();
        if (om.isPresent()) {
            OriginalMessage o = om.get();
            row(out, indent, "Original", o.mimePath() + "  from " + o.from().orElse("-") + ", Message-ID "
                    + o.messageId().orElse("-"));
            row(out, indent, "Attachments", o.attachments().isEmpty() ? "none" : String.valueOf(o.attachments().size()));
            int i = 1;
            for (Attachment a : o.attachments()) {
                String name = a.name().equals(a.safeName()) ? a.safeName() : a.safeName() + "  (sent as \"" + a.name() + "\")";
                out.printf("%s  %2d. %s%n%s      %s, %,d bytes, sha256 %s%n", indent, i++, name, indent, a.declaredType(), a.size(),
                        a.sha256());
            }
        } else {
            row(out, indent, "Original", "-");
        }
        m.rem().ifPresent(r -> row(out, indent, "REM", r.headers().size() + " header(s), evidence " + r.evidenceParts()));
        for (PecMessage n : m.nested()) {
            row(out, indent, "Nested", "");
            block(out, indent + "    ", n, null);
        }
        if (m.diagnostics().isEmpty()) {
            row(out, indent, "Diagnostics", "none");
        } else {
            row(out, indent, "Diagnostics", String.valueOf(m.diagnostics().size()));
            for (Diagnostic d : m.diagnostics()) {
                out.printf("%s  %-7s %s at %s%n%s          %s%n", indent, d.severity(), d.code().id(), d.location(), indent, d.message());
            }
        }
    }

    private static void row(PrintStream out, String indent, String label, String value) {
        out.printf("%s%-17s %s%n", indent, label, value);
    }
}
