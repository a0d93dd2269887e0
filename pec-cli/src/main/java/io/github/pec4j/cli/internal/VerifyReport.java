package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.signature.DocumentContent;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentSigner;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.SignatureLayer;
import io.github.pec4j.signature.Trust;
import java.io.PrintStream;

/** The reports of {@code pec verify}: a JSON object per file, or a readable layer tree. */
public final class VerifyReport {
    private VerifyReport() {}

    static String integrity(Integrity i) {
        return switch (i) {
            case VALID -> "valid";
            case ABSENT -> "absent";
            default -> "invalid";
        };
    }

    public static ObjectNode json(String file, DocumentReport r, boolean trustConfigured) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("file", file);
        o.put("integrity", integrity(r.integrity()));
        ArrayNode layers = o.putArray("layers");
        for (SignatureLayer l : r.layers()) {
            ObjectNode n = layers.addObject();
            n.put("format", l.format());
            n.put("encoding", l.encoding());
            n.put("detached", l.detached());
            n.put("coversWholeFile", l.coversWholeFile());
            ArrayNode signers = n.putArray("signers");
            for (DocumentSigner s : l.signers()) {
                ObjectNode x = signers.addObject();
                x.put("subject", s.certificate().subject());
                x.put("issuer", s.certificate().issuer());
                x.put("serialNumber", s.certificate().serialNumber());
                x.put("integrity", integrity(s.integrity()));
                if (s.signingTime().isPresent()) {
                    x.put("signingTime", s.signingTime().get().toString());
                } else {
                    x.putNull("signingTime");
                }
                if (trustConfigured && s.trust() != Trust.UNKNOWN) {
                    x.put("trusted", s.trust() == Trust.TRUSTED);
                } else {
                    x.putNull("trusted");
                }
                if (s.codiceFiscale().isPresent()) {
                    x.put("codiceFiscale", s.codiceFiscale().get());
                } else {
                    x.putNull("codiceFiscale");
                }
                x.put("level", s.level());
                x.put("qualifiedClaim", s.qualifiedClaim());
                x.put("digestAlgorithm", s.digestAlgorithm());
                x.put("certificateValidAtSigningTime", s.certificateValidAtTime());
            }
        }
        ArrayNode stamps = o.putArray("timestamps");
        for (io.github.pec4j.signature.TimestampInfo t : r.timestamps()) {
            ObjectNode x = stamps.addObject();
            x.put("kind", t.kind());
            x.put("genTime", t.genTime().toString());
            x.put("imprintValid", t.imprintValid());
            x.put("signatureValid", t.signatureValid());
            x.put("tsaCertificateValid", t.tsaCertificateValid());
            x.put("valid", t.valid());
            if (t.tsa().isPresent()) {
                x.put("tsa", t.tsa().get().subject());
            } else {
                x.putNull("tsa");
            }
            if (trustConfigured && t.trust() != Trust.UNKNOWN) {
                x.put("trusted", t.trust() == Trust.TRUSTED);
            } else {
                x.putNull("trusted");
            }
        }
        if (r.content().isPresent()) {
            DocumentContent c = r.content().get();
            ObjectNode n = o.putObject("content");
            n.put("mediaType", c.mediaType());
            n.put("size", c.size());
            n.put("sha256", c.sha256());
        } else {
            o.putNull("content");
        }
        JsonReport.diagnostics(o, r.diagnostics());
        return o;
    }

    public static void text(PrintStream out, String file, DocumentReport r) {
        out.println("=== " + file);
        out.printf("%-17s %s%n", "Integrity", integrity(r.integrity()) + (r.layers().isEmpty() ? "  (no signature)" : ""));
        int i = 1;
        for (SignatureLayer l : r.layers()) {
            out.printf("%-17s %s, %s%s%n", "Layer " + i++, l.format(), l.encoding(), l.detached() ? ", detached" : "");
            for (DocumentSigner s : l.signers()) {
                out.printf("  %-15s %s%n", "signer", s.certificate().subject());
                out.printf("  %-15s %s%s, %s, level %s%s%n", "", integrity(s.integrity()),
                        s.signingTime().map(t -> ", signed " + t).orElse(""), s.digestAlgorithm(), s.level(),
                        s.qualifiedClaim() ? ", claims qualified" : "");
                s.codiceFiscale().ifPresent(cf -> out.printf("  %-15s %s%n", "codice fiscale", cf));
                out.printf("  %-15s %s%n", "trust", s.trust().name().toLowerCase(java.util.Locale.ROOT)
                        + (s.certificateValidAtTime() ? "" : " (certificate NOT valid at signing time)"));
            }
        }
        for (io.github.pec4j.signature.TimestampInfo t : r.timestamps()) {
            out.printf("%-17s %s at %s: %s%n", "Time-stamp", t.kind(), t.genTime(), t.valid() ? "valid" : "NOT valid (signature "
                    + t.signatureValid() + ", TSA certificate " + t.tsaCertificateValid() + ", imprint " + t.imprintValid() + ")");
        }
        r.content().ifPresent(c -> out.printf("%-17s %s, %,d bytes, sha256 %s%n", "Content", c.mediaType(), c.size(), c.sha256()));
        for (Diagnostic d : r.diagnostics()) {
            out.printf("  %-7s %s%n          %s%n", d.severity(), d.code().id(), d.message());
        }
        out.println();
    }
}
