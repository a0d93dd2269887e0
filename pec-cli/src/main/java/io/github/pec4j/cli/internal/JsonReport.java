package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.ByteRange;
import io.github.pec4j.core.Completeness;
import io.github.pec4j.core.CorrelationKeys;
import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.OpenValue;
import io.github.pec4j.core.OriginalMessage;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.Trust;
import java.util.List;
import java.util.Optional;

/** The {@code inspect --json} object of one message: stable field names, {@code null} for absent values. */
public final class JsonReport {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {}

    /** The object for a parsed file, with its provider-signature report. */
    public static ObjectNode of(String file, PecMessage m, ProviderSignatureReport sig, boolean trustConfigured) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", file);
        fill(o, m);
        signature((ObjectNode) o.get("signature"), sig, trustConfigured);
        return o;
    }

    private static void signature(ObjectNode s, ProviderSignatureReport r, boolean trustConfigured) {
        s.put("present", r.integrity() != Integrity.ABSENT);
        s.put("integrity", switch (r.integrity()) {
            case VALID -> "valid";
            case ABSENT -> "absent";
            default -> "invalid";
        });
        s.put("verdict", r.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (trustConfigured && r.trust() != Trust.UNKNOWN) {
            s.put("trusted", r.trust() == Trust.TRUSTED);
        } else {
            s.putNull("trusted");
        }
        put(s, "signer", r.signer().map(c -> c.subject()));
        put(s, "issuer", r.signer().map(c -> c.issuer()));
        put(s, "signingTime", r.signingTime().map(Object::toString));
        put(s, "digestAlgorithm", r.digestAlgorithm());
        put(s, "signatureAlgorithm", r.signatureAlgorithm());
        if (r.certificateValidAtTime().isPresent()) {
            s.put("certificateValidAtSigningTime", r.certificateValidAtTime().get());
        } else {
            s.putNull("certificateValidAtSigningTime");
        }
        s.put("genuine", r.isGenuine());
        diagnostics(s, r.diagnostics());
    }

    /** The object for a file that could not be read. */
    public static ObjectNode unreadable(String file, String reason) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", file);
        o.put("kind", "unreadable");
        for (String f : List.of("innerKind", "riferimentoMessageId", "daticert", "original", "originalSubject", "sender",
                "signature", "correlation")) {
            o.putNull(f);
        }
        o.put("virusRelated", false);
        o.putArray("nested");
        ObjectNode d = o.putArray("diagnostics").addObject();
        d.put("code", "FILE_UNREADABLE");
        d.put("severity", "ERROR");
        d.put("location", file);
        d.put("message", reason);
        return o;
    }

    private static void fill(ObjectNode o, PecMessage m) {
        o.put("kind", m.kind().id());
        put(o, "innerKind", m.innerKind().map(k -> k.id()));
        put(o, "riferimentoMessageId", m.correlation().riferimentoMessageId());
        if (m.daticert().isPresent()) {
            daticert(o.putObject("daticert"), m.daticert().get());
        } else {
            o.putNull("daticert");
        }
        if (m.original().isPresent()) {
            original(o.putObject("original"), m.original().get());
        } else {
            o.putNull("original");
        }
        put(o, "originalSubject", m.originalSubject());
        put(o, "sender", m.sender());
        ObjectNode sig = o.putObject("signature");
        sig.put("form", m.signedLayout().form().name());
        range(sig, "signedContent", m.signedLayout().signedContent());
        range(sig, "signaturePart", m.signedLayout().signature());
        put(sig, "micalg", m.signedLayout().micalg());
        CorrelationKeys k = m.correlation();
        ObjectNode c = o.putObject("correlation");
        put(c, "riferimentoMessageId", k.riferimentoMessageId());
        put(c, "msgid", k.msgid());
        put(c, "identificativo", k.identificativo());
        put(c, "messageId", k.messageId());
        put(c, "consegna", k.consegna());
        o.put("virusRelated", m.virusRelated());
        ArrayNode nested = o.putArray("nested");
        for (PecMessage n : m.nested()) {
            fill(nested.addObject(), n);
        }
        completeness(o, m.completeness());
        diagnostics(o, m.diagnostics());
    }

    /** {@code complete} and the {@code gaps} ({@code kind, location, detail}): what the parser could not read. */
    private static void completeness(ObjectNode o, Completeness c) {
        o.put("complete", c.complete());
        ArrayNode gaps = o.putArray("gaps");
        for (Gap g : c.gaps()) {
            ObjectNode x = gaps.addObject();
            x.put("kind", g.kind().name());
            x.put("location", g.location().toString());
            x.put("detail", g.detail());
        }
    }

    /** A {@code diagnostics} array of {@code {code, severity, location, message}} objects. */
    static void diagnostics(ObjectNode o, List<Diagnostic> list) {
        ArrayNode diags = o.putArray("diagnostics");
        for (Diagnostic d : list) {
            ObjectNode x = diags.addObject();
            x.put("code", d.code().id());
            x.put("severity", d.severity().name());
            x.put("location", d.location().toString());
            x.put("message", d.message());
        }
    }

    private static void daticert(ObjectNode o, Daticert d) {
        o.put("tipo", d.tipo().raw());
        o.put("errore", d.errore().raw());
        o.put("mittente", d.mittente());
        ArrayNode dest = o.putArray("destinatari");
        for (Daticert.Destinatario x : d.destinatari()) {
            ObjectNode n = dest.addObject();
            n.put("indirizzo", x.indirizzo());
            n.put("tipo", x.tipo().raw());
        }
        o.put("risposte", d.risposte());
        put(o, "oggetto", d.oggetto());
        o.put("gestoreEmittente", d.gestoreEmittente());
        put(o, "data", d.data().instant().map(Object::toString));
        o.put("identificativo", d.identificativo());
        put(o, "msgid", d.msgid());
        put(o, "ricevuta", d.ricevuta().map(OpenValue::raw));
        put(o, "consegna", d.consegna());
        put(o, "erroreEsteso", d.erroreEsteso().map(Daticert.ErroreEsteso::text));
    }

    private static void original(ObjectNode o, OriginalMessage m) {
        put(o, "subject", m.subject());
        put(o, "from", m.from());
        put(o, "messageId", m.messageId());
        ArrayNode atts = o.putArray("attachments");
        for (Attachment a : m.attachments()) {
            ObjectNode n = atts.addObject();
            n.put("name", a.name());
            n.put("safeName", a.safeName());
            n.put("size", a.size());
            n.put("sha256", a.sha256());
            n.put("declaredType", a.declaredType());
        }
    }

    private static void range(ObjectNode o, String name, Optional<ByteRange> r) {
        if (r.isPresent()) {
            ObjectNode n = o.putObject(name);
            n.put("start", r.get().start());
            n.put("end", r.get().end());
        } else {
            o.putNull(name);
        }
    }

    private static void put(ObjectNode o, String name, Optional<String> value) {
        if (value.isPresent()) {
            o.put(name, value.get());
        } else {
            o.putNull(name);
        }
    }
}
