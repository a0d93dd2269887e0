package io.github.pec4j.admission;

import io.github.pec4j.admission.AdmissionDecision.IstanzaDecision;
import io.github.pec4j.admission.AdmissionDecision.IstanzaOutcome;
import io.github.pec4j.admission.AdmissionDecision.ReceivabilityDecision;
import io.github.pec4j.admission.AdmissionDecision.RegistrationDecision;
import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.admission.Evidence.Channel;
import io.github.pec4j.admission.Evidence.SignatureFact;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.Answer;
import io.github.pec4j.directory.Domicile;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.DomicileRegister;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.FormatCode;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.Verdict;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, for one message, the three independent outcomes of {@link AdmissionDecision}, citing
 * the rules of the {@link RuleBook} in force on the day of receipt (Europe/Rome). Pure: the same
 * evidence, configuration and directory answers give the same decision. Thread-safe.
 */
public final class AdmissionEngine {
    /** Protocol dates are Italian dates. */
    public static final ZoneId ROME = ZoneId.of("Europe/Rome");
    /** The PostaCertificat@ (CEC-PAC) domain. */
    static final String CEC_PAC_DOMAIN = "@postacertificata.gov.it";

    private final AooConfig config;
    private final DomicileDirectory directory;
    private final RuleBook rules;

    private AdmissionEngine(AooConfig config, DomicileDirectory directory, RuleBook rules) {
        this.config = Objects.requireNonNull(config, "config");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * An engine for one AOO.
     *
     * @param directory who owns an address and which domiciles a codice fiscale has (e.g. a
     *     {@code DirectoryChain} of IPA, INAD and INI-PEC); {@link #NO_DIRECTORY} answers "unknown"
     */
    public static AdmissionEngine create(AooConfig config, DomicileDirectory directory) {
        return new AdmissionEngine(config, directory, RuleBook.standard());
    }

    /** A directory that knows nothing: every answer is UNKNOWN (never "not found"). */
    public static final DomicileDirectory NO_DIRECTORY = new NoDirectory();

    public AdmissionDecision decide(Evidence e) {
        LocalDate day = e.receivedAt().atZone(ROME).toLocalDate();
        Optional<AddressOwner> senderOwner = Optional.empty();
        Answer<AddressOwner> ownerAnswer = null;
        if (e.sender().isPresent() && e.kind() == Evidence.Kind.DOCUMENT) {
            ownerAnswer = directory.ownerOf(e.sender().get(), day);
            senderOwner = ownerAnswer.value();
        }
        IstanzaDecision istanza = istanza(e, day, senderOwner, ownerAnswer);
        return new AdmissionDecision(registration(e, day, istanza), istanza, receivability(e, day), e.receivedAt(), rules.version());
    }

    // ------------------------------------------------------------------ R-REG

    private RegistrationDecision registration(Evidence e, LocalDate day, IstanzaDecision istanza) {
        Optional<RegistrationDecision> operator = e.kind() == Evidence.Kind.PEC_RECEIPT ? Optional.empty() : needsOperator(e);
        if (operator.isPresent()) {
            return operator.get();
        }
        if (e.kind() != Evidence.Kind.DOCUMENT) {
            return reg(RegistrationOutcome.RECEIPT_ONLY, rules.rule("REG-RECEIPT").reason());
        }
        if (e.duplicateOf().isPresent()) {
            return new RegistrationDecision(RegistrationOutcome.DUPLICATE,
                    List.of(rules.rule("REG-DUPLICATE").reason(e.duplicateOf().get())), e.duplicateOf());
        }
        String sender = e.sender().orElse("");
        boolean allowed = !sender.isEmpty() && config.allows(sender);
        if (!sender.isEmpty() && config.denies(sender) && !allowed) {
            return reg(RegistrationOutcome.EXCLUDED, rules.rule("REG-MANUALE-DENY").reason(sender));
        }
        for (AooConfig.Exclusion x : config.exclusions()) {
            if (x.matches(e.sender(), e.subject())) {
                return reg(RegistrationOutcome.EXCLUDED, rules.rule("REG-EXCLUDED").reason(x.category()));
            }
        }
        Optional<AooConfig.Handling> uncertified = switch (e.channel()) {
            case PEO, PEC_NOT_VERIFIED -> Optional.of(config.ordinaryMail());
            case ANOMALIA -> Optional.of(config.anomalia());
            default -> Optional.empty();
        };
        String what = e.channel() == Channel.ANOMALIA ? "busta di anomalia" : "posta non certificata";
        if (uncertified.isPresent() && !allowed) {
            switch (uncertified.get()) {
                case QUARANTINE -> {
                    return reg(RegistrationOutcome.EXCLUDED, rules.rule("REG-MANUALE-QUARANTINE").reason(what));
                }
                case REJECT -> {
                    return reg(RegistrationOutcome.EXCLUDED, rules.rule("REG-MANUALE-REJECT").reason(what));
                }
                case REGISTER -> { }
            }
        }
        Rule art40bis = rules.rule("REG-40BIS");
        boolean onAooDomicile = e.channel().certified() && e.receivedOn().stream().anyMatch(m -> isAooDomicile(m, day));
        boolean istanza65 = istanza.article().filter("art. 65"::equals).isPresent() && istanza.outcome() == IstanzaOutcome.VALID;
        if (art40bis.inForce(day) && (onAooDomicile || istanza65)) {
            return reg(RegistrationOutcome.REGISTER, art40bis.reason());
        }
        return reg(RegistrationOutcome.REGISTER, rules.rule("REG-53").reason());
    }

    /**
     * Fail closed: a message not read completely, or whose segnatura was refused, goes to an operator
     * before any automatic registration (a genuine provider signature does not make unread content
     * good to register). An earlier registration under the same key is named, not taken as the answer:
     * without the signed daticert the key rests on unsigned identifiers.
     */
    private Optional<RegistrationDecision> needsOperator(Evidence e) {
        List<Reason> reasons = new ArrayList<>();
        if (!e.completeness().complete()) {
            reasons.add(rules.rule("REG-INCOMPLETE").reason(gaps(e)));
        }
        if (e.segnaturaUnreadable()) {
            reasons.add(rules.rule("REG-SEG-UNREADABLE").reason(e.segnatura().get().detail()));
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        e.duplicateOf().ifPresent(id -> reasons.add(rules.rule("REG-DUPLICATE").reason(id)));
        return Optional.of(new RegistrationDecision(RegistrationOutcome.NEEDS_OPERATOR, reasons, e.duplicateOf()));
    }

    /** The gaps of an incomplete message, short: {@code PART_COUNT at /2/1; MIME_DEPTH at /2/1/1/...}. */
    private static String gaps(Evidence e) {
        return e.completeness().gaps().stream().map(g -> g.kind() + " at " + g.location().mimePath() + " (" + g.detail() + ")")
                .distinct().limit(5).collect(Collectors.joining("; "))
                + (e.completeness().gaps().size() > 5 ? "; ..." : "");
    }

    private boolean isAooDomicile(String mailbox, LocalDate day) {
        if (config.isOwnMailbox(mailbox)) return true;
        Answer<AddressOwner> a = directory.ownerOf(mailbox, day);
        return a.value().filter(o -> o instanceof AddressOwner.PublicAdministration pa && pa.certified()).isPresent();
    }

    private static RegistrationDecision reg(RegistrationOutcome outcome, Reason reason) {
        return new RegistrationDecision(outcome, List.of(reason), Optional.empty());
    }

    // ------------------------------------------------------------------

    private IstanzaDecision istanza(Evidence e, LocalDate day, Optional<AddressOwner> owner, Answer<AddressOwner> ownerAnswer) {
        if (e.kind() != Evidence.Kind.DOCUMENT) {
            return new IstanzaDecision(IstanzaOutcome.NOT_APPLICABLE, Optional.empty(), Optional.empty(), List.of(), List.of(),
                    Optional.empty(), List.of(rules.rule("NOT-AN-ISTANZA").reason()));
        }
        boolean fromPa = owner.filter(o -> o.kind() == AddressOwner.Kind.PUBLIC_ADMINISTRATION).isPresent();
        if (fromPa) return article47(e, day);
        List<Reason> reasons = new ArrayList<>();
        if (e.sender().isPresent()) {
            String why = ownerAnswer != null && ownerAnswer.outcome() == Answer.Outcome.UNKNOWN
                    ? e.sender().get() + " (IPA " + ownerAnswer.reason().orElse("unknown") + ")" : e.sender().get();
            reasons.add(rules.rule("A47-NOT-PA").reason(why));
        }
        return article65(e, day, owner, reasons);
    }

    private IstanzaDecision article47(Evidence e, LocalDate day) {
        List<Reason> reasons = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        if (e.channel() == Channel.FAX && rules.rule("A47-FAX").inForce(day)) {
            return new IstanzaDecision(IstanzaOutcome.NOT_VALID, Optional.of("art. 47"), Optional.empty(), List.of(), List.of(),
                    Optional.empty(), List.of(rules.rule("A47-FAX").reason()));
        }
        if (e.signatures().stream().anyMatch(s -> s.valid() && s.level() == Evidence.SignatureLevel.QUALIFIED)) {
            letters.add("a");
            reasons.add(rules.rule("A47-A").reason());
        }
        if (e.segnatura().filter(s -> s.signatureValid() && s.anomalies().isEmpty()).isPresent()) {
            letters.add("b");
            reasons.add(rules.rule("A47-B").reason());
        }
        if (e.channel().certified()) {
            letters.add("d");
            reasons.add(rules.rule("A47-D").reason());
        }
        if (letters.isEmpty()) {
            return new IstanzaDecision(IstanzaOutcome.NOT_VALID, Optional.of("art. 47"), Optional.empty(), List.of(), List.of(),
                    Optional.empty(), List.of(rules.rule("A47-NONE").reason()));
        }
        return new IstanzaDecision(IstanzaOutcome.VALID, Optional.of("art. 47"), Optional.of(letters.get(0)), letters, List.of(),
                Optional.empty(), reasons);
    }

    private IstanzaDecision article65(Evidence e, LocalDate day, Optional<AddressOwner> owner, List<Reason> reasons) {
        List<String> letters = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        Optional<String> elected = Optional.empty();
        Optional<String> declarant = e.declarantTaxCode().map(AdmissionEngine::normalise);

        // a) a valid qualified/advanced signature of the declarant on the primary document
        Rule a = rules.rule("A65-A");
        for (SignatureFact s : e.signatures()) {
            if (!s.valid() || !s.coversPrimary() || s.level() == Evidence.SignatureLevel.SIMPLE) continue;
            Optional<String> signer = s.signerTaxCode().map(AdmissionEngine::normalise);
            if (declarant.isEmpty() || signer.isEmpty() || signer.equals(declarant)) {
                if (a.inForce(day) && !letters.contains("a")) {
                    letters.add("a");
                    reasons.add(a.reason());
                }
            } else {
                reasons.add(rules.rule("A65-A-OTHER-SIGNER").reason(s.signerName() + " (" + signer.get() + ")", declarant.get()));
            }
        }
        // Whoever signed validly is the declarant when the form did not say otherwise.
        if (declarant.isEmpty()) {
            declarant = e.signatures().stream().filter(SignatureFact::valid).map(SignatureFact::signerTaxCode).flatMap(Optional::stream)
                    .map(AdmissionEngine::normalise).findFirst();
        }
        // b) portal with SPID/CIE/CNS of the declarant; b-bis) app IO
        if (e.channel() == Channel.PORTAL && e.portal().isPresent()) {
            String subject = normalise(e.portal().get().subjectTaxCode());
            if (declarant.isEmpty() || declarant.get().equals(subject)) {
                letters.add("b");
                reasons.add(rules.rule("A65-B").reason());
            }
        }
        if (e.channel() == Channel.APP_IO && rules.rule("A65-B-BIS").inForce(day)) {
            letters.add("b-bis");
            reasons.add(rules.rule("A65-B-BIS").reason());
        }
        // c) handwritten signature with an identity document
        if (e.handwrittenWithIdentityDocument()) {
            letters.add("c");
            reasons.add(rules.rule("A65-C").reason());
        }
        // c-bis) from the declarant's own digital domicile
        Optional<String> undetermined = Optional.empty();
        String sender = e.sender().orElse("");
        if (e.channel() == Channel.ANOMALIA || e.channel() == Channel.PEO || e.channel() == Channel.PEC_NOT_VERIFIED) {
            reasons.add(rules.rule("A65-C-BIS-UNCERTIFIED").reason(e.channel() == Channel.ANOMALIA ? "busta di anomalia"
                    : e.channel() == Channel.PEO ? "posta ordinaria" : "firma del gestore non verificata"));
        } else if (e.channel().certified() && !sender.isEmpty()) {
            Rule registered = rules.rule("A65-C-BIS-REGISTERED");
            if (registered.inForce(day)) {
                CBis c = cBis(sender, day, declarant, owner);
                if (c.reason.isPresent()) reasons.add(c.reason.get());
                if (c.holds) letters.add("c-bis");
                elected = c.elected;
                undetermined = c.undetermined;
            } else if (rules.rule("A65-C-BIS-LEGACY").inForce(day)) {
                boolean cecPac = sender.toLowerCase(Locale.ROOT).endsWith(CEC_PAC_DOMAIN) && rules.rule("A65-C-BIS-CECPAC").inForce(day);
                if (cecPac) {
                    letters.add("c-bis");
                    reasons.add(rules.rule("A65-C-BIS-CECPAC").reason());
                } else if (e.providerIdentityAttested()) {
                    letters.add("c-bis");
                    reasons.add(rules.rule("A65-C-BIS-LEGACY").reason());
                } else {
                    reasons.add(rules.rule("A65-C-BIS-LEGACY").reason());
                }
            }
        }
        long signedFiles = e.signatures().stream().map(SignatureFact::file).distinct().count();
        if (config.singleIstanzaPerMessage() && signedFiles > 1) {
            checks.add("the manuale asks for one istanza per message, and " + signedFiles
                    + " signed documents arrived together: confirm whether they are separate istanze");
        }
        if (!letters.isEmpty()) {
            String first = firstInLawOrder(letters);
            return new IstanzaDecision(IstanzaOutcome.VALID, Optional.of("art. 65"), Optional.of(first), inLawOrder(letters), checks, elected,
                    reasons);
        }
        if (undetermined.isPresent()) {
            checks.add(undetermined.get());
            reasons.add(rules.rule("A65-UNDETERMINED").reason(undetermined.get()));
            return new IstanzaDecision(IstanzaOutcome.NEEDS_OPERATOR, Optional.of("art. 65"), Optional.empty(), List.of(), checks,
                    Optional.empty(), reasons);
        }
        reasons.add(rules.rule("A65-NONE").reason());
        return new IstanzaDecision(IstanzaOutcome.NOT_VALID, Optional.of("art. 65"), Optional.empty(), List.of(), checks, Optional.empty(),
                reasons);
    }

    private record CBis(boolean holds, Optional<Reason> reason, Optional<String> elected, Optional<String> undetermined) {}

    private CBis cBis(String sender, LocalDate day, Optional<String> declarant, Optional<AddressOwner> owner) {
        // The sender address itself registered in INI-PEC/INAD (or, for a firm, IPA) as the domicile of a subject.
        if (declarant.isEmpty()) {
            if (owner.isPresent() && owner.get().kind() != AddressOwner.Kind.PUBLIC_ADMINISTRATION) {
                return new CBis(true, Optional.of(rules.rule("A65-C-BIS-REGISTERED").reason(registerOf(owner.get()))), Optional.empty(),
                        Optional.empty());
            }
            return new CBis(false, Optional.empty(), Optional.empty(),
                    Optional.of("the declarant's codice fiscale is unknown: confirm who the declarant is (letter c-bis)"));
        }
        Answer<List<Domicile>> domiciles = directory.domicilesOf(declarant.get(), day);
        switch (domiciles.outcome()) {
            case FOUND -> {
                List<Domicile> list = domiciles.value().orElseThrow();
                Optional<Domicile> match = list.stream().filter(d -> d.hasAddress(sender) && d.validAt(day)).findFirst();
                if (match.isPresent()) {
                    return new CBis(true, Optional.of(rules.rule("A65-C-BIS-REGISTERED").reason(match.get().source().toUpperCase(Locale.ROOT))),
                            Optional.empty(), Optional.empty());
                }
                if (domiciles.isPartial()) {
                    return new CBis(false, Optional.empty(), Optional.empty(), Optional.of("a domicile directory did not answer ("
                            + domiciles.reason().orElse("unknown") + "): confirm that " + sender + " is the declarant's domicile"));
                }
                return new CBis(false, Optional.of(rules.rule("A65-C-BIS-OTHER").reason(sender + " (registered: "
                        + list.stream().map(Domicile::address).collect(Collectors.joining(", ")) + ")")), Optional.empty(), Optional.empty());
            }
            case NOT_FOUND -> {
                // "No domicile" only from directories that speak for every register of domiciles (CAD art. 3-bis c.4-quinquies).
                EnumSet<DomicileRegister> missing = EnumSet.allOf(DomicileRegister.class);
                missing.removeAll(directory.registers());
                if (!missing.isEmpty()) {
                    return new CBis(false, Optional.empty(), Optional.empty(), Optional.of("no directory answered for " + missing + " ("
                            + domiciles.source() + " only): confirm that the declarant has no registered domicile, or that " + sender + " is it"));
                }
                return new CBis(true, Optional.of(rules.rule("A65-C-BIS-SPECIAL").reason(sender)), Optional.of(sender), Optional.empty());
            }
            default -> {
                return new CBis(false, Optional.empty(), Optional.empty(), Optional.of("the domicile directories could not answer ("
                        + domiciles.source() + ": " + domiciles.reason().orElse("unknown") + "): confirm that " + sender
                        + " is the declarant's registered domicile, or that the declarant has none"));
            }
        }
    }

    private static String registerOf(AddressOwner owner) {
        return owner.kind() == AddressOwner.Kind.FIRM_OR_PROFESSIONAL ? "INI-PEC" : "INAD";
    }

    private static final List<String> LAW_ORDER = List.of("a", "b", "b-bis", "c", "c-bis");

    private static String firstInLawOrder(List<String> letters) {
        return inLawOrder(letters).get(0);
    }

    private static List<String> inLawOrder(List<String> letters) {
        return LAW_ORDER.stream().filter(letters::contains).toList();
    }

    private static String normalise(String taxCode) {
        String t = taxCode.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("TINIT-")) t = t.substring(6);
        if (t.startsWith("IT:")) t = t.substring(3);
        return t;
    }

    // ------------------------------------------------------------------ R-RIC

    private ReceivabilityDecision receivability(Evidence e, LocalDate day) {
        if (e.kind() != Evidence.Kind.DOCUMENT) {
            return new ReceivabilityDecision(Optional.empty(), List.of(rules.rule("RIC-OK").reason()));
        }
        boolean uncertified = e.channel() == Channel.PEO || e.channel() == Channel.ANOMALIA || e.channel() == Channel.PEC_NOT_VERIFIED;
        AooConfig.Handling handling = e.channel() == Channel.ANOMALIA ? config.anomalia() : config.ordinaryMail();
        if (uncertified && handling == AooConfig.Handling.REJECT && !e.sender().map(config::allows).orElse(false)) {
            return ric("000_Irricevibile", rules.rule("RIC-MANUALE-REJECT").reason(e.channel() == Channel.ANOMALIA ? "busta di anomalia"
                    : "posta non certificata"));
        }
        if (e.segnaturaUnreadable()) {
            return ric("000_Irricevibile", rules.rule("RIC-SEG-UNREADABLE").reason(e.segnatura().get().detail()));
        }
        if (e.segnatura().isPresent()) {
            Evidence.SegnaturaFact s = e.segnatura().get();
            if (s.anomalies().stream().anyMatch(c -> c.startsWith("001")) || !s.signatureValid()) {
                return ric("001_ValidazioneFirma", rules.rule("RIC-SEG-SIGNATURE").reason(s.detail()));
            }
            if (s.anomalies().stream().anyMatch(c -> c.startsWith("002"))) {
                return ric("002_AnomaliaImpronte", rules.rule("RIC-SEG-IMPRONTA").reason(s.detail()));
            }
        }
        List<Finding> errors = e.files().stream().flatMap(f -> f.allFindings().stream())
                .filter(f -> f.severity() == io.github.pec4j.core.Severity.ERROR).toList();
        List<Finding> unreadable = errors.stream().filter(f -> f.code() == FormatCode.UNREADABLE).toList();
        if (!unreadable.isEmpty()) {
            return ric("003_DocumentoAllegatiNonLeggibili", rules.rule("RIC-UNREADABLE").reason(describe(unreadable)));
        }
        List<Finding> refused = errors.stream().filter(f -> f.code() != FormatCode.SIGNATURE_INVALID).toList();
        if (!refused.isEmpty() || e.files().stream().anyMatch(f -> f.verdict() == Verdict.REJECT && f.allFindings().isEmpty())) {
            return ric("000_Irricevibile", rules.rule("RIC-FORMAT").reason(describe(refused)));
        }
        List<Finding> badSignatures = errors.stream().filter(f -> f.code() == FormatCode.SIGNATURE_INVALID).toList();
        if (config.checkSignedDocuments() && !badSignatures.isEmpty()) {
            return ric("004_DocumentoAllegatiErroreValidazioneFirma", rules.rule("RIC-DOC-SIGNATURE").reason(describe(badSignatures)));
        }
        if (!e.completeness().complete()) {
            return new ReceivabilityDecision(Optional.empty(), true, List.of(rules.rule("RIC-INCOMPLETE").reason(gaps(e))));
        }
        return new ReceivabilityDecision(Optional.empty(), List.of(rules.rule("RIC-OK").reason()));
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.path() + ": " + f.english()).distinct().collect(Collectors.joining("; "));
    }

    private static ReceivabilityDecision ric(String code, Reason reason) {
        return new ReceivabilityDecision(Optional.of(code), List.of(reason));
    }

    /** Answers UNKNOWN to everything. */
    private static final class NoDirectory implements DomicileDirectory {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public java.util.Set<io.github.pec4j.directory.Lookup> capabilities() {
            return java.util.Set.of();
        }

        @Override
        public Answer<AddressOwner> ownerOf(String address, LocalDate at) {
            return Answer.unknown(id(), java.time.Instant.EPOCH, Answer.REASON_NO_PROVIDER);
        }

        @Override
        public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
            return Answer.unknown(id(), java.time.Instant.EPOCH, Answer.REASON_NO_PROVIDER);
        }
    }
}
