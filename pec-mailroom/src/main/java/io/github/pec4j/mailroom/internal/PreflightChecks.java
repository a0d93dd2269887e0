package io.github.pec4j.mailroom.internal;

import io.github.pec4j.core.Severity;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.Answer;
import io.github.pec4j.directory.Domicile;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.OutboundSize;
import io.github.pec4j.mailroom.Addressee;
import io.github.pec4j.mailroom.OutboundDocument;
import io.github.pec4j.mailroom.OutboundPolicy;
import io.github.pec4j.mailroom.OutboundPolicy.Requirement;
import io.github.pec4j.mailroom.OutboundRequest;
import io.github.pec4j.mailroom.Preflight;
import io.github.pec4j.mailroom.Preflight.Code;
import io.github.pec4j.mailroom.Preflight.Problem;
import io.github.pec4j.mailroom.Recipient;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentSigner;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.SignatureLayer;
import io.github.pec4j.signature.Trust;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The pre-flight of an outgoing letter (OUT-PRE-01, OUT-PRE-02): resolves every recipient to its digital
 * domicile, checks the documents against the signature rule and the format policy, and the size times the
 * recipients against the provider's limit, collecting every finding. It never throws for bad input.
 */
public final class PreflightChecks {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    /** The pre-flight's report and the recipients it resolved (only those it could). */
    public record Checked(Preflight preflight, List<Addressee> addressees) {}

    private final OutboundPolicy policy;
    private final Optional<DomicileDirectory> directory;
    private final Optional<IpaDirectory> ipa;
    private final DocumentVerifier verifier;
    private final FormatChecker formats;
    private final Clock clock;
    private final boolean sealed;

    public PreflightChecks(OutboundPolicy policy, Optional<DomicileDirectory> directory, Optional<IpaDirectory> ipa,
            DocumentVerifier verifier, Clock clock, boolean sealed) {
        this.policy = policy;
        this.directory = directory;
        this.ipa = ipa;
        this.verifier = verifier;
        this.formats = FormatChecker.create(policy.formats());
        this.clock = clock;
        this.sealed = sealed;
    }

    /** Every finding about {@code request}, and the recipients resolved. */
    public Checked check(OutboundRequest request) {
        List<Problem> problems = new ArrayList<>();
        List<Addressee> addressees = recipients(request.recipients(), problems);
        long bytes = documents(request, problems);
        if (!request.recipients().isEmpty()) {
            Finding tooLarge = OutboundSize.ofPayload(bytes, request.recipients().size(), policy.providerLimitBytes()).finding();
            if (tooLarge != null) problems.add(new Problem(Code.TOO_LARGE, Severity.ERROR, "*", tooLarge.english()));
        }
        if (!sealed && addressees.stream().anyMatch(Addressee::administration)) {
            problems.add(new Problem(Code.UNSEALED_SEGNATURA, Severity.WARNING, "*",
                    "no seal key is configured: the segnatura sent to the administrations is not sealed (OUT-SEG-01, SEG-SIGN-01)"));
        }
        return new Checked(new Preflight(problems), addressees);
    }

    // ---- recipients

    private List<Addressee> recipients(List<Recipient> recipients, List<Problem> problems) {
        List<Addressee> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Recipient r : recipients) {
            Optional<Addressee> a = resolve(r, problems);
            if (a.isEmpty()) continue;
            if (!seen.add(a.get().address().toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(Code.DUPLICATE_RECIPIENT, Severity.ERROR, r.toString(), a.get().address() + " is already a recipient"));
                continue;
            }
            out.add(a.get());
        }
        return out;
    }

    private Optional<Addressee> resolve(Recipient r, List<Problem> problems) {
        return switch (r.kind()) {
            case PEC -> pec(r, problems);
            case EMAIL -> ordinary(r, problems);
            case IPA -> byIpaCode(r, problems);
            case CODICE_FISCALE -> byTaxCode(r, problems);
        };
    }

    private Optional<Addressee> pec(Recipient r, List<Problem> problems) {
        if (!validAddress(r, problems)) return Optional.empty();
        Optional<AddressOwner> owner = Optional.empty();
        if (directory.isPresent()) {
            Answer<AddressOwner> answer = directory.get().ownerOf(r.value(), today());
            owner = answer.value();
            if (!answer.isFound()) {
                problems.add(new Problem(Code.UNLISTED_ADDRESS, Severity.WARNING, r.toString(), answer.isNotFound()
                        ? "no directory lists this address as a digital domicile: send only if the recipient elected it for the matter"
                        : "the directories could not say whose address this is (" + answer.reason().orElse("unknown") + ")"));
            }
        } else if (ipa.isPresent()) {
            owner = ipa.get().ownerOf(r.value(), today()).value();
        }
        return Optional.of(addressee(r, r.value(), owner, true, Optional.empty()));
    }

    private Optional<Addressee> ordinary(Recipient r, List<Problem> problems) {
        if (!validAddress(r, problems)) return Optional.empty();
        boolean refused = policy.refusesOrdinaryRecipients();
        problems.add(new Problem(Code.ORDINARY_ADDRESS, refused ? Severity.ERROR : Severity.WARNING, r.toString(), refused
                ? "an ordinary e-mail address: the AOO sends only to digital domiciles (PEC)"
                : "an ordinary e-mail address: delivery will not be provable (no receipt of delivery)"));
        return refused ? Optional.empty() : Optional.of(addressee(r, r.value(), Optional.empty(), false, Optional.empty()));
    }

    private Optional<Addressee> byIpaCode(Recipient r, List<Problem> problems) {
        if (ipa.isEmpty()) {
            problems.add(new Problem(Code.NO_DOMICILE, Severity.ERROR, r.toString(), "no IPA snapshot is configured to resolve a codice IPA"));
            return Optional.empty();
        }
        List<AddressOwner.PublicAdministration> found = ipa.get().certifiedOfCode(r.value());
        if (found.isEmpty()) {
            problems.add(new Problem(Code.NO_DOMICILE, Severity.ERROR, r.toString(), "IPA lists no PEC address for this codice IPA"));
            return Optional.empty();
        }
        AddressOwner.PublicAdministration pa = found.get(0);
        return Optional.of(addressee(r, pa.address(), Optional.of(pa), true, Optional.empty()));
    }

    private Optional<Addressee> byTaxCode(Recipient r, List<Problem> problems) {
        if (directory.isEmpty()) {
            problems.add(new Problem(Code.NO_DOMICILE, Severity.ERROR, r.toString(), "no directory is configured to resolve a codice fiscale"));
            return Optional.empty();
        }
        Answer<List<Domicile>> answer = directory.get().domicilesOf(r.value(), today());
        if (!answer.isFound() || answer.value().orElse(List.of()).isEmpty()) {
            problems.add(new Problem(Code.NO_DOMICILE, Severity.ERROR, r.toString(), answer.isNotFound()
                    ? "no digital domicile is registered for this codice fiscale (IPA, INI-PEC, INAD)"
                    : "the directories could not tell the digital domicile (" + answer.reason().orElse("unknown") + ")"));
            return Optional.empty();
        }
        String address = answer.value().get().get(0).address();
        Optional<AddressOwner> owner = directory.get().ownerOf(address, today()).value();
        return Optional.of(addressee(r, address, owner, true, Optional.of(r.value())));
    }

    private static Addressee addressee(Recipient r, String address, Optional<AddressOwner> owner, boolean domicile, Optional<String> taxCode) {
        Optional<AddressOwner.PublicAdministration> pa = owner.filter(o -> o instanceof AddressOwner.PublicAdministration)
                .map(o -> (AddressOwner.PublicAdministration) o).filter(p -> !p.publicServiceOperator());
        String name = r.name().or(() -> owner.map(PreflightChecks::nameOf)).orElse(address);
        return new Addressee(r, address, name, domicile, pa.map(AddressOwner.PublicAdministration::ipaCode),
                pa.filter(p -> p.level() == AddressOwner.Level.AOO).flatMap(AddressOwner.PublicAdministration::unitCode),
                taxCode.or(() -> pa.flatMap(AddressOwner.PublicAdministration::taxCode)));
    }

    private static String nameOf(AddressOwner o) {
        if (o instanceof AddressOwner.PublicAdministration p) return p.name();
        if (o instanceof AddressOwner.FirmOrProfessional f) return f.name();
        return o.address();
    }

    private static boolean validAddress(Recipient r, List<Problem> problems) {
        try {
            InternetAddress a = new InternetAddress(r.value(), true);
            if (a.getAddress().equals(r.value()) && r.value().indexOf('@') > 0) return true;
        } catch (AddressException e) {
            // reported below
        }
        problems.add(new Problem(Code.BAD_ADDRESS, Severity.ERROR, r.toString(), "not a valid e-mail address"));
        return false;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ROME));
    }

    // ---- documents

    /** Checks every document; returns their total size. */
    private long documents(OutboundRequest request, List<Problem> problems) {
        long total = 0;
        Path dir;
        try {
            dir = Files.createTempDirectory("pec4j-outbound-");
        } catch (IOException e) {
            problems.add(new Problem(Code.UNREADABLE, Severity.ERROR, "*", "cannot make a temporary folder: " + e.getMessage()));
            return 0;
        }
        try {
            int i = 0;
            for (OutboundDocument d : request.documents()) {
                Path file = dir.resolve("doc-" + i);
                boolean primary = i++ == 0;
                try (InputStream in = d.content().open()) {
                    total += Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    problems.add(new Problem(Code.UNREADABLE, Severity.ERROR, d.name(), "cannot read the document: " + e.getMessage()));
                    continue;
                }
                FileReport report = format(file, d, problems);
                if (primary) signature(file, d, problems);
                else if (report != null) secondaryType(report, d, problems);
                deleteQuietly(file);
            }
        } finally {
            deleteQuietly(dir);
        }
        return total;
    }

    private FileReport format(Path file, OutboundDocument d, List<Problem> problems) {
        try {
            FileReport report = formats.check(file, d.name());
            for (Finding f : report.allFindings()) {
                if (f.severity() == Severity.INFO) continue;
                problems.add(new Problem(Code.FORMAT, f.severity(), d.name(), f.code() + ": " + f.english()));
            }
            return report;
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(Code.UNREADABLE, Severity.ERROR, d.name(), "the format check failed: " + e.getMessage()));
            return null;
        }
    }

    private void signature(Path file, OutboundDocument d, List<Problem> problems) {
        if (policy.signedPrimary() == Requirement.NONE) return;
        Severity severity = policy.signedPrimary() == Requirement.REQUIRE ? Severity.ERROR : Severity.WARNING;
        Optional<String> why;
        try {
            why = unsignedBecause(verifier.verify(file));
        } catch (IOException | RuntimeException e) {
            why = Optional.of("its signature cannot be verified: " + e.getMessage());
        }
        why.ifPresent(w -> problems.add(new Problem(Code.UNSIGNED_PRIMARY, severity, d.name(), "the primary document " + w)));
    }

    /** Why the report does not show a valid, trusted signature of an accepted format; empty when it does. */
    private Optional<String> unsignedBecause(DocumentReport report) {
        if (report.layers().isEmpty() || report.integrity() == Integrity.ABSENT) return Optional.of("is not digitally signed");
        if (report.integrity() != Integrity.VALID) return Optional.of("has a signature that does not verify (" + report.integrity() + ")");
        SignatureLayer outer = report.layers().get(0);
        Set<String> accepted = policy.signedPrimaryFormats();
        if (!accepted.isEmpty() && !accepted.contains(outer.format().toLowerCase(Locale.ROOT))) {
            return Optional.of("is signed as " + outer.format() + ", not as " + String.join(" or ", accepted));
        }
        if (outer.format().equalsIgnoreCase("pades") && !outer.coversWholeFile()) {
            return Optional.of("has a PDF signature that does not cover the whole file");
        }
        for (SignatureLayer layer : report.layers()) {
            for (DocumentSigner s : layer.signers()) {
                if (s.trust() != Trust.TRUSTED) return Optional.of("is signed by an untrusted certificate (" + s.certificate().subject() + ")");
                if (!s.certificateValidAtTime()) return Optional.of("is signed with a certificate not valid at signing time");
            }
        }
        return Optional.empty();
    }

    private void secondaryType(FileReport report, OutboundDocument d, List<Problem> problems) {
        Set<String> allowed = policy.secondaryTypes();
        if (allowed.isEmpty() || allowed.contains(report.detectedType())) return;
        Severity severity = policy.signedPrimary() == Requirement.REQUIRE ? Severity.ERROR : Severity.WARNING;
        problems.add(new Problem(Code.SECONDARY_FORMAT, severity, d.name(),
                "a secondary document must be " + String.join(" or ", allowed) + ", not " + report.detectedType()));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
