package io.github.pec4j.segnatura.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Location;
import io.github.pec4j.segnatura.AnomalyCode;
import io.github.pec4j.segnatura.DigestAlgorithm;
import io.github.pec4j.segnatura.DocumentCheck;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Impronta;
import io.github.pec4j.segnatura.ReceivedFile;
import io.github.pec4j.segnatura.ReceivedSegnatura;
import io.github.pec4j.segnatura.SegnaturaCheck;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import io.github.pec4j.segnatura.SegnaturaFormat;
import io.github.pec4j.segnatura.SegnaturaReader;
import io.github.pec4j.segnatura.SignatureStatus;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The checks behind {@link io.github.pec4j.segnatura.SegnaturaVerifier}. */
public final class Verification {
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<AnomalyCode> anomalies = EnumSet.noneOf(AnomalyCode.class);

    private Verification() {}

    /** Reads, verifies the signature, compares every impronta; never throws for input. */
    public static SegnaturaCheck run(byte[] xml, List<ReceivedFile> files, SegnaturaReader reader, TrustStore trust, Instant now) {
        try {
            return runUnguarded(xml, files, reader, trust, now);
        } catch (RuntimeException e) {
            // A failure of the XML-DSig engine or our code on this input: the segnatura is not verified (001).
            Verification v = new Verification();
            v.diagnostics.add(Diagnostic.of(SegnaturaCode.SEG_MALFORMED, Location.part("/"),
                    "the verifier failed on this segnatura (" + e.getClass().getName() + ")"));
            v.anomaly(AnomalyCode.VALIDAZIONE_FIRMA, SegnaturaCode.SEG_SIGNATURE_INVALID, "the segnatura could not be verified");
            return new SegnaturaCheck(Optional.empty(), SignatureStatus.INVALID, Optional.empty(), Optional.empty(), List.of(),
                    List.of(), List.of(), List.copyOf(v.anomalies), v.diagnostics);
        }
    }

    private static SegnaturaCheck runUnguarded(byte[] xml, List<ReceivedFile> files, SegnaturaReader reader, TrustStore trust,
            Instant now) {
        Verification v = new Verification();
        ReceivedSegnatura received;
        try {
            received = reader.read(xml);
        } catch (SegnaturaException e) {
            v.diagnostics.addAll(e.diagnostics());
            v.anomaly(AnomalyCode.VALIDAZIONE_FIRMA, SegnaturaCode.SEG_SIGNATURE_INVALID,
                    "the segnatura cannot be read, so its signature cannot be validated");
            return new SegnaturaCheck(Optional.empty(), SignatureStatus.INVALID, Optional.empty(), Optional.empty(), List.of(),
                    List.of(), List.of(), List.copyOf(v.anomalies), v.diagnostics);
        }
        v.diagnostics.addAll(received.warnings());
        XadesVerifier.Result signature;
        if (received.format() == SegnaturaFormat.V3) {
            try {
                signature = XadesVerifier.verify(Codec.signedDom(xml), trust, now);
            } catch (SegnaturaException e) {
                signature = new XadesVerifier.Result(SignatureStatus.INVALID, Optional.empty(), Optional.empty(), e.getMessage());
            }
            switch (signature.status()) {
                case VALID -> { }
                case MISSING -> v.anomaly(AnomalyCode.VALIDAZIONE_FIRMA, SegnaturaCode.SEG_SIGNATURE_MISSING, signature.detail());
                case UNTRUSTED -> v.anomaly(AnomalyCode.VALIDAZIONE_FIRMA, SegnaturaCode.SEG_SIGNATURE_UNTRUSTED, signature.detail());
                default -> v.anomaly(AnomalyCode.VALIDAZIONE_FIRMA, SegnaturaCode.SEG_SIGNATURE_INVALID, signature.detail());
            }
        } else {
            signature = new XadesVerifier.Result(SignatureStatus.MISSING, Optional.empty(), Optional.empty(), "legacy format");
        }
        Map<String, ReceivedFile> byName = new LinkedHashMap<>();
        for (ReceivedFile f : files) {
            byName.putIfAbsent(f.name(), f);
        }
        List<DocumentCheck> documents = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Documento> all = received.segnatura().documenti();
        for (int i = 0; i < all.size(); i++) {
            Documento d = all.get(i);
            DocumentCheck c = v.check(d, i == 0, byName.get(d.nomeFile()));
            if (c.status() == DocumentCheck.Status.MISSING) {
                missing.add(d.nomeFile());
            }
            documents.add(c);
        }
        List<String> undeclared = new ArrayList<>();
        Set<String> declared = all.stream().map(Documento::nomeFile).collect(java.util.stream.Collectors.toSet());
        for (String name : byName.keySet()) {
            if (!declared.contains(name)) {
                undeclared.add(name);
                v.diagnostics.add(Diagnostic.of(SegnaturaCode.SEG_FILE_NOT_DECLARED, Location.part("/"),
                        "received file '" + name + "' is not declared in the segnatura"));
            }
        }
        return new SegnaturaCheck(Optional.of(received), signature.status(), signature.signer(), signature.signingTime(), documents,
                missing, undeclared, List.copyOf(v.anomalies), v.diagnostics);
    }

    private DocumentCheck check(Documento d, boolean primario, @Nullable ReceivedFile file) {
        String name = d.nomeFile();
        if (d.impronta().isEmpty()) {
            return new DocumentCheck(name, primario, DocumentCheck.Status.NO_IMPRONTA, "no impronta to compare");
        }
        Impronta impronta = d.impronta().get();
        if (file == null) {
            anomaly(AnomalyCode.ANOMALIA_IMPRONTA, SegnaturaCode.SEG_FILE_MISSING, "no received file is named '" + name + "'");
            return new DocumentCheck(name, primario, DocumentCheck.Status.MISSING, "not received");
        }
        Optional<DigestAlgorithm> algorithm = impronta.algorithm();
        if (algorithm.isEmpty()) {
            anomaly(AnomalyCode.ANOMALIA_IMPRONTA, SegnaturaCode.SEG_IMPRONTA_UNSUPPORTED,
                    "'" + name + "': impronta algorithm '" + impronta.algoritmo() + "' cannot be computed");
            return new DocumentCheck(name, primario, DocumentCheck.Status.UNSUPPORTED_ALGORITHM, impronta.algoritmo());
        }
        Optional<byte[]> digest;
        try {
            digest = file.digest(algorithm.get());
        } catch (IOException | UncheckedIOException e) {
            anomaly(AnomalyCode.DOCUMENTO_ALLEGATI_NON_LEGGIBILI, SegnaturaCode.SEG_FILE_UNREADABLE,
                    "'" + name + "' cannot be read: " + e.getMessage());
            return new DocumentCheck(name, primario, DocumentCheck.Status.UNREADABLE, String.valueOf(e.getMessage()));
        }
        if (digest.isEmpty()) {
            anomaly(AnomalyCode.DOCUMENTO_ALLEGATI_NON_LEGGIBILI, SegnaturaCode.SEG_FILE_UNREADABLE,
                    "'" + name + "': no content and no " + algorithm.get().segnaturaName() + " digest given");
            return new DocumentCheck(name, primario, DocumentCheck.Status.UNREADABLE, "no content to digest");
        }
        if (!impronta.matches(digest.get())) {
            anomaly(AnomalyCode.ANOMALIA_IMPRONTA, SegnaturaCode.SEG_IMPRONTA_MISMATCH,
                    "'" + name + "': the " + algorithm.get().segnaturaName() + " digest differs from the impronta");
            return new DocumentCheck(name, primario, DocumentCheck.Status.MISMATCH, "digest differs");
        }
        return new DocumentCheck(name, primario, DocumentCheck.Status.MATCH, algorithm.get().segnaturaName() + " matches");
    }

    private void anomaly(AnomalyCode code, SegnaturaCode diagnostic, String message) {
        anomalies.add(code);
        diagnostics.add(Diagnostic.of(diagnostic, Location.part("/"), code.wsdlSpelling() + ": " + message));
    }
}
