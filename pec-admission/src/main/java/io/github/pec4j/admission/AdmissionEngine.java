package io.github.pec4j.admission;

import io.github.pec4j.admission.AdmissionDecision.IstanzaDecision;
import io.github.pec4j.admission.AdmissionDecision.IstanzaOutcome;
import io.github.pec4j.admission.AdmissionDecision.ReceivabilityDecision;
import io.github.pec4j.admission.AdmissionDecision.RegistrationDecision;
import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.admission.Evidence.Channel;
import io.github.pec4j.admission.Evidence.SignatureFact;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.GapKind;
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
        RULE_IDS.forEach(rules::rule); // a rule id the engine cites but the data lacks fails here, not in a decision
    }

    /** Every rule id the engine cites. */
    static final List<String> RULE_IDS = List.of("REG-RECEIPT-2001", "REG-RECEIPT", "REG-DUPLICATE", "REG-EXCLUDED", "REG-40BIS-2011",
            "REG-40BIS", "REG-53", "REG-MANUALE-QUARANTINE", "REG-MANUALE-REJECT", "REG-MANUALE-DENY", "BEFORE-RULES", "PRE-CAD",
            "A47-NOT-PA", "A47-GESTORE", "A47-A", "A47-B-2006", "A47-B", "A47-D", "SERCQ-1-TER", "SERCQ-EIDAS", "A47-COOP", "A47-LINK",
            "A47-FAX", "A47-NONE", "A65-A-2006", "A65-A", "A65-A-20-1BIS", "A65-A-OTHER-SIGNER", "A65-B-2006", "A65-B-2016", "A65-B",
            "A65-B-BIS", "A65-C-2006", "A38-C3", "A65-C", "A65-C-BIS-CECPAC", "A65-C-BIS-LEGACY", "A65-C-BIS-FIRM-2011",
            "A65-C-BIS-REGISTERED", "A65-C-BIS-SPECIAL", "A65-C-BIS-OTHER", "A65-C-BIS-UNCERTIFIED", "A65-C-BIS-TAX",
            "A65-DL76-CONVERSIONE", "A65-ELECTED", "A65-NONE", "A65-UNDETERMINED", "NOT-AN-ISTANZA", "RIC-OK-2001", "RIC-OK", "RIC-REFUSED",
            "RIC-FORMAT", "RIC-UNREADABLE", "RIC-SEG-SIGNATURE", "RIC-SEG-IMPRONTA", "RIC-DOC-SIGNATURE", "RIC-MANUALE-REJECT",
            "REG-INCOMPLETE", "REG-SEG-UNREADABLE", "RIC-INCOMPLETE", "RIC-SEG-UNREADABLE", "REG-KIND-CONFLICT", "RIC-KIND-CONFLICT");

    /**
     * An engine for one AOO.
     *
     * @param directory who owns an address and which domiciles a codice fiscale has (e.g. a
     *     {@code DirectoryChain} of IPA, INAD and INI-PEC); {@link #NO_DIRECTORY} answers "unknown"
     * @param config the AOO's configuration: its mailboxes, lists, exclusions and options
     * @return an engine for one AOO
     */
    public static AdmissionEngine create(AooConfig config, DomicileDirectory directory) {
        return new AdmissionEngine(config, directory, RuleBook.standard());
    }

    /** A directory that knows nothing: every answer is UNKNOWN (never "not found"). */
    public static final DomicileDirectory NO_DIRECTORY = new NoDirectory();

    /**
     * The decision on one message, under the rules in force on its day of receipt (Europe/Rome).
     *
     * @param e the facts
     * @return registration, validity and receivability, each with the rules applied
     */
    public AdmissionDecision decide(Evidence e) {
        LocalDate day = e.receivedAt().atZone(ROME).toLocalDate();
        if (beforeEveryRule(day)) return beforeRules(e, day);
        Optional<AddressOwner> senderOwner = Optional.empty();
        Answer<AddressOwner> ownerAnswer = null;
        if (e.sender().isPresent() && e.kind() == Evidence.Kind.DOCUMENT) {
            ownerAnswer = directory.ownerOf(e.sender().get(), day);
            senderOwner = ownerAnswer.value();
        }
        IstanzaDecision istanza = istanza(e, day, senderOwner, ownerAnswer);
        return new AdmissionDecision(registration(e, day, senderOwner, istanza), istanza, receivability(e, day, senderOwner), e.receivedAt(),
                rules.version());
    }

    /** BEFORE-RULES's own range starts in 1900; a forged Date can say any year, and no rule covers it either. */
    private boolean beforeEveryRule(LocalDate day) {
        Rule before = rules.rule("BEFORE-RULES");
        return before.inForce(day) || day.isBefore(before.from());
    }

    /** A date before every rule (a wrong clock, a forged Date): registered, and an operator checks the date. */
    private AdmissionDecision beforeRules(Evidence e, LocalDate day) {
        Reason why = rules.rule("BEFORE-RULES").reason(day.toString());
        boolean document = e.kind() == Evidence.Kind.DOCUMENT;
        RegistrationOutcome outcome = !document ? RegistrationOutcome.RECEIPT_ONLY
                : e.completeness().complete() && !e.segnaturaUnreadable() ? RegistrationOutcome.REGISTER : RegistrationOutcome.NEEDS_OPERATOR;
        RegistrationDecision reg = reg(outcome, why);
        IstanzaDecision istanza = new IstanzaDecision(document ? IstanzaOutcome.NEEDS_OPERATOR : IstanzaOutcome.NOT_APPLICABLE, Optional.empty(),
                Optional.empty(), List.of(), document ? List.of("the date of receipt " + day + " precedes every rule: check it") : List.of(),
                Optional.empty(), List.of(why));
        // fail closed: a date no rule covers is an operator's question, for receivability too
        ReceivabilityDecision receivability = document ? ReceivabilityDecision.forOperator(List.of(why))
                : new ReceivabilityDecision(Optional.empty(), List.of(why));
        return new AdmissionDecision(reg, istanza, receivability, e.receivedAt(), rules.version());
    }

    /** The rule among {@code ids} in force on {@code day}; the data covers every day from DPR 445/2000 on. */
    private Rule atDay(LocalDate day, String... ids) {
        for (String id : ids) {
            Rule r = rules.rule(id);
            if (r.inForce(day)) return r;
        }
        throw new IllegalStateException("none of " + List.of(ids) + " is in force on " + day);
    }

    private Optional<Rule> inForce(String id, LocalDate day) {
        Rule r = rules.rule(id);
        return r.inForce(day) ? Optional.of(r) : Optional.empty();
    }

    /** PEC always; SERCQ only once CAD art. 1 c.1-ter makes it count as PEC. */
    private boolean certifiedAt(Channel channel, LocalDate day) {
        return channel == Channel.PEC || channel == Channel.SERCQ && rules.rule("SERCQ-1-TER").inForce(day);
    }

    // ------------------------------------------------------------------ R-REG

    private RegistrationDecision registration(Evidence e, LocalDate day, Optional<AddressOwner> owner, IstanzaDecision istanza) {
        Optional<RegistrationDecision> operator = e.kind() == Evidence.Kind.PEC_RECEIPT ? Optional.empty() : needsOperator(e);
        if (operator.isPresent()) {
            return operator.get();
        }
        if (e.kind() != Evidence.Kind.DOCUMENT) {
            return reg(RegistrationOutcome.RECEIPT_ONLY, atDay(day, "REG-RECEIPT", "REG-RECEIPT-2001").reason());
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
        return reg(RegistrationOutcome.REGISTER, registrationRule(e, day, owner, istanza).reason());
    }

    /**
     * Art. 40-bis when its wording covers the message: from 2011, received on the AOO's PA mailboxes; from
     * 2016, from or to digital domiciles; always, a valid art. 65 istanza. Else DPR 445/2000 art. 53 c.5.
     */
    private Rule registrationRule(Evidence e, LocalDate day, Optional<AddressOwner> owner, IstanzaDecision istanza) {
        boolean certified = certifiedAt(e.channel(), day);
        boolean onAooDomicile = certified && e.receivedOn().stream().anyMatch(m -> isAooDomicile(m, day));
        boolean istanza65 = istanza.article().filter("art. 65"::equals).isPresent() && istanza.outcome() == IstanzaOutcome.VALID;
        Optional<Rule> current = inForce("REG-40BIS", day);
        if (current.isPresent()) {
            boolean fromDomicile = certified && owner.filter(AdmissionEngine::isRegisteredDomicile).isPresent();
            return onAooDomicile || fromDomicile || istanza65 ? current.get() : rules.rule("REG-53");
        }
        Optional<Rule> first = inForce("REG-40BIS-2011", day);
        if (first.isPresent() && (onAooDomicile || istanza65)) return first.get();
        return rules.rule("REG-53");
    }

    /** An address a directory lists as someone's digital domicile: a PEC in IPA, an INI-PEC or INAD entry. */
    private static boolean isRegisteredDomicile(AddressOwner owner) {
        return !(owner instanceof AddressOwner.PublicAdministration pa) || pa.certified();
    }

    /**
     * Fail closed: a message not read completely, or whose segnatura was refused, goes to an operator
     * before any automatic registration (a genuine provider signature does not make unread content
     * good to register). An earlier registration under the same key is named, not taken as the answer:
     * without the signed daticert the key rests on unsigned identifiers.
     */
    private Optional<RegistrationDecision> needsOperator(Evidence e) {
        List<Reason> reasons = new ArrayList<>();
        List<Gap> unread = unread(e);
        if (!unread.isEmpty()) {
            reasons.add(rules.rule("REG-INCOMPLETE").reason(gaps(unread)));
        }
        List<Gap> conflicts = kindConflicts(e);
        if (!conflicts.isEmpty()) {
            reasons.add(rules.rule("REG-KIND-CONFLICT").reason(gaps(conflicts)));
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

    /** The gaps, short: {@code PART_COUNT at /2/1; MIME_DEPTH at /2/1/1/...}. */
    private static String gaps(List<Gap> gaps) {
        return gaps.stream().map(g -> g.kind() + " at " + g.location().mimePath() + " (" + g.detail() + ")")
                .distinct().limit(5).collect(Collectors.joining("; "))
                + (gaps.size() > 5 ? "; ..." : "");
    }

    /** What was not read: every gap but a kind conflict, which is read and contradicts itself (SEC-CLOSED-10). */
    private static List<Gap> unread(Evidence e) {
        return e.completeness().gaps().stream().filter(g -> g.kind() != GapKind.KIND_CONFLICT).toList();
    }

    private static List<Gap> kindConflicts(Evidence e) {
        return e.completeness().gaps().stream().filter(g -> g.kind() == GapKind.KIND_CONFLICT).toList();
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
        if (rules.rule("PRE-CAD").inForce(day)) return preCad(e, day);
        boolean fromPa = owner.filter(o -> o.kind() == AddressOwner.Kind.PUBLIC_ADMINISTRATION).isPresent()
                || e.channel() == Channel.COOPERAZIONE_APPLICATIVA && e.sender().isEmpty();
        if (fromPa) return article47(e, day);
        List<Reason> reasons = new ArrayList<>();
        if (owner.filter(o -> o.kind() == AddressOwner.Kind.PUBLIC_SERVICE_OPERATOR).isPresent()) {
            reasons.add(rules.rule("A47-GESTORE").reason(e.sender().orElse("")));
        } else if (e.sender().isPresent()) {
            String why = ownerAnswer != null && ownerAnswer.outcome() == Answer.Outcome.UNKNOWN
                    ? e.sender().get() + " (IPA " + ownerAnswer.reason().orElse("unknown") + ")" : e.sender().get();
            reasons.add(rules.rule("A47-NOT-PA").reason(why));
        }
        return article65(e, day, owner, reasons);
    }

    /** Before the CAD: only DPR 445/2000 art. 38 c.3 (signature with an identity document) is decided; the rest is an operator's. */
    private IstanzaDecision preCad(Evidence e, LocalDate day) {
        if (e.handwrittenWithIdentityDocument()) {
            return new IstanzaDecision(IstanzaOutcome.VALID, Optional.of("DPR 445/2000 art. 38"), Optional.of(LETTER_38_C3), List.of(LETTER_38_C3),
                    List.of(), Optional.empty(), List.of(rules.rule("A38-C3").reason()));
        }
        return new IstanzaDecision(IstanzaOutcome.NEEDS_OPERATOR, Optional.of("DPR 445/2000 art. 38"), Optional.empty(), List.of(),
                List.of("received before the CAD (1 January 2006): assess the telematic transmission under DPR 445/2000"), Optional.empty(),
                List.of(rules.rule("PRE-CAD").reason()));
    }

    private IstanzaDecision article47(Evidence e, LocalDate day) {
        List<Reason> reasons = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        Optional<Rule> fax = inForce("A47-FAX", day);
        if (e.channel() == Channel.FAX && fax.isPresent()) {
            return new IstanzaDecision(IstanzaOutcome.NOT_VALID, Optional.of("art. 47"), Optional.empty(), List.of(), List.of(),
                    Optional.empty(), List.of(fax.get().reason()));
        }
        if (e.channel() == Channel.COOPERAZIONE_APPLICATIVA) inForce("A47-COOP", day).ifPresent(r -> reasons.add(r.reason()));
        if (e.channel() == Channel.LINK) inForce("A47-LINK", day).ifPresent(r -> reasons.add(r.reason()));
        if (e.signatures().stream().anyMatch(s -> s.valid() && s.level() == Evidence.SignatureLevel.QUALIFIED)) {
            letters.add("a");
            reasons.add(rules.rule("A47-A").reason());
        }
        // Letter b asks for a segnatura, not for a valid seal: seal and impronta failures are receivability's (001/002).
        if (e.segnatura().isPresent()) {
            letters.add("b");
            reasons.add(atDay(day, "A47-B", "A47-B-2006").reason());
        }
        if (certifiedAt(e.channel(), day)) {
            letters.add("d");
            reasons.add(rules.rule("A47-D").reason());
            if (e.channel() == Channel.SERCQ) reasons.add(rules.rule("SERCQ-1-TER").reason());
        } else if (e.channel() == Channel.SERCQ) {
            inForce("SERCQ-EIDAS", day).ifPresent(r -> reasons.add(r.reason()));
        }
        if (letters.isEmpty()) {
            reasons.add(rules.rule("A47-NONE").reason());
            return new IstanzaDecision(IstanzaOutcome.NEEDS_OPERATOR, Optional.of("art. 47"), Optional.empty(), List.of(),
                    List.of("no qualified signature (a), segnatura (b) or PEC (d): establish the provenance otherwise (art. 47 c.2 lett. c)"),
                    Optional.empty(), reasons);
        }
        return new IstanzaDecision(IstanzaOutcome.VALID, Optional.of("art. 47"), Optional.of(letters.get(0)), letters, List.of(),
                Optional.empty(), reasons);
    }

    /** What an operator must confirm, and the rule that asks it. */
    private record Check(Reason reason, String what) {}

    private IstanzaDecision article65(Evidence e, LocalDate day, Optional<AddressOwner> owner, List<Reason> reasons) {
        List<String> letters = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<Check> operator = new ArrayList<>();
        Optional<String> declarant = e.declarantTaxCode().map(AdmissionEngine::normalise);

        letterA(e, day, declarant, letters, reasons, operator);
        // Whoever signed validly is the declarant when the form did not say otherwise.
        if (declarant.isEmpty()) {
            declarant = e.signatures().stream().filter(SignatureFact::valid).map(SignatureFact::signerTaxCode).flatMap(Optional::stream)
                    .map(AdmissionEngine::normalise).findFirst();
        }
        letterB(e, day, declarant, letters, reasons, operator);
        if (e.channel() == Channel.APP_IO) {
            inForce("A65-B-BIS", day).ifPresent(r -> {
                letters.add("b-bis");
                reasons.add(r.reason());
            });
        }
        if (e.handwrittenWithIdentityDocument()) {
            Rule c = atDay(day, "A65-C", "A38-C3");
            letters.add(c.id().equals("A65-C") ? "c" : LETTER_38_C3);
            reasons.add(c.reason());
        }
        Optional<String> elected = letterCBis(e, day, declarant, owner, letters, reasons, operator);

        long signedFiles = e.signatures().stream().map(SignatureFact::file).distinct().count();
        if (config.singleIstanzaPerMessage() && signedFiles > 1) {
            checks.add("the manuale asks for one istanza per message, and " + signedFiles
                    + " signed documents arrived together: confirm whether they are separate istanze");
        }
        notByCBisAlone(e, day, letters, operator);
        // An express election (art. 3-bis c.4-quinquies) prevails over the one made by sending; it is kept for an istanza that may stand.
        Optional<Reason> express = e.electedDomicile().flatMap(d -> inForce("A65-ELECTED", day).map(r -> r.reason(d)));
        if (express.isPresent()) elected = e.electedDomicile();
        if (!letters.isEmpty()) {
            express.ifPresent(reasons::add);
            return new IstanzaDecision(IstanzaOutcome.VALID, Optional.of("art. 65"), Optional.of(firstInLawOrder(letters)), inLawOrder(letters),
                    checks, elected, reasons);
        }
        if (!operator.isEmpty()) {
            operator.forEach(c -> {
                checks.add(c.what());
                reasons.add(c.reason());
            });
            express.ifPresent(reasons::add);
            return new IstanzaDecision(IstanzaOutcome.NEEDS_OPERATOR, Optional.of("art. 65"), Optional.empty(), List.of(), checks,
                    express.isPresent() ? elected : Optional.empty(), reasons);
        }
        reasons.add(rules.rule("A65-NONE").reason());
        return new IstanzaDecision(IstanzaOutcome.NOT_VALID, Optional.of("art. 65"), Optional.empty(), List.of(), checks, Optional.empty(),
                reasons);
    }

    /** Letter a: a valid signature of the declarant on the primary document, of a level the wording in force admits. */
    private void letterA(Evidence e, LocalDate day, Optional<String> declarant, List<String> letters, List<Reason> reasons,
            List<Check> operator) {
        Rule a = atDay(day, "A65-A", "A65-A-2006");
        boolean advancedCounts = a.id().equals("A65-A"); // art. 20 forms, from D.Lgs. 217/2017
        for (SignatureFact s : e.signatures()) {
            if (!s.coversPrimary()) continue;
            Optional<String> signer = s.signerTaxCode().map(AdmissionEngine::normalise);
            boolean declarants = declarant.isEmpty() || signer.isEmpty() || signer.equals(declarant);
            boolean admitted = s.level() == Evidence.SignatureLevel.QUALIFIED || advancedCounts && s.level() == Evidence.SignatureLevel.ADVANCED;
            if (s.valid() && admitted) {
                if (!declarants) {
                    reasons.add(rules.rule("A65-A-OTHER-SIGNER").reason(s.signerName() + " (" + signer.get() + ")", declarant.get()));
                } else if (!letters.contains("a")) {
                    letters.add("a");
                    reasons.add(a.reason());
                }
            } else if (declarants && s.level() == Evidence.SignatureLevel.SIMPLE) {
                Optional<Rule> formed = inForce("A65-A-20-1BIS", day);
                formed.ifPresent(r -> operator.add(new Check(r.reason(s.signerName() + ", " + s.file()), "confirm whether " + s.file()
                        + " was formed after the author's informatic identification through an AgID-compliant process (CAD art. 20 c.1-bis)")));
            }
        }
    }

    /** Letter b: the portal's authentication of the declarant, by the means the wording in force names. */
    private void letterB(Evidence e, LocalDate day, Optional<String> declarant, List<String> letters, List<Reason> reasons,
            List<Check> operator) {
        if (e.channel() != Channel.PORTAL || e.portal().isEmpty()) return;
        String subject = normalise(e.portal().get().subjectTaxCode());
        if (declarant.isPresent() && !declarant.get().equals(subject)) return;
        String method = e.portal().get().method().trim().toUpperCase(Locale.ROOT);
        Rule b = atDay(day, "A65-B", "A65-B-2016", "A65-B-2006");
        boolean named = method.equals("CIE") || method.equals("CNS") || method.equals("SPID") && !b.id().equals("A65-B-2006");
        if (named) {
            letters.add("b");
            reasons.add(b.reason());
            return;
        }
        inForce("A65-C-2006", day).ifPresent(c -> operator.add(new Check(c.reason(method), "confirm that the administration admitted "
                + method + " credentials for istanze (CAD art. 65 c.1 lett. c, original wording; art. 64 c.2)")));
    }

    /** Letter c-bis in the wording in force; returns the special domicile elected by sending from it, if any. */
    private Optional<String> letterCBis(Evidence e, LocalDate day, Optional<String> declarant, Optional<AddressOwner> owner, List<String> letters,
            List<Reason> reasons, List<Check> operator) {
        String sender = e.sender().orElse("");
        if (e.channel() == Channel.ANOMALIA || e.channel() == Channel.PEO || e.channel() == Channel.PEC_NOT_VERIFIED) {
            inForce("A65-C-BIS-UNCERTIFIED", day).ifPresent(r -> reasons.add(r.reason(e.channel() == Channel.ANOMALIA ? "busta di anomalia"
                    : e.channel() == Channel.PEO ? "posta ordinaria" : "firma del gestore non verificata")));
            return Optional.empty();
        }
        if (e.channel() == Channel.SERCQ && !certifiedAt(Channel.SERCQ, day)) {
            inForce("SERCQ-EIDAS", day).ifPresent(r -> operator.add(new Check(r.reason(), "a qualified registered delivery received before "
                    + "CAD art. 1 c.1-ter: assess it")));
            return Optional.empty();
        }
        if (!certifiedAt(e.channel(), day) || sender.isEmpty()) return Optional.empty();
        if (rules.rule("A65-C-BIS-REGISTERED").inForce(day)) {
            CBis c = cBis(sender, day, declarant, owner);
            c.reason.ifPresent(reasons::add);
            if (c.holds) letters.add("c-bis");
            c.undetermined.ifPresent(u -> operator.add(new Check(rules.rule("A65-UNDETERMINED").reason(u), u)));
            return c.elected;
        }
        Optional<Rule> legacy = inForce("A65-C-BIS-LEGACY", day);
        if (legacy.isEmpty()) return Optional.empty(); // before D.Lgs. 235/2010 there was no letter c-bis
        Optional<Rule> cecPac = inForce("A65-C-BIS-CECPAC", day).filter(r -> sender.toLowerCase(Locale.ROOT).endsWith(CEC_PAC_DOMAIN));
        if (cecPac.isPresent() || e.providerIdentityAttested()) {
            letters.add("c-bis");
            reasons.add(cecPac.orElse(legacy.get()).reason());
            return Optional.empty();
        }
        reasons.add(legacy.get().reason());
        Optional<Rule> firm = inForce("A65-C-BIS-FIRM-2011", day).filter(r -> owner.filter(o -> o.kind() == AddressOwner.Kind.FIRM_OR_PROFESSIONAL)
                .isPresent());
        firm.ifPresent(r -> operator.add(new Check(r.reason(sender), sender + " is a firm's or professional's INI-PEC domicile, with no provider "
                + "attestation: decide whether the office accepts it under the pre-2020 wording of c-bis")));
        return Optional.empty();
    }

    /**
     * Two cases where c-bis or b-bis alone cannot decide: an AOO in the tax sector (c-bis preserves the
     * tax sector's own systems), and the DL 76/2020 window whose start is not verified.
     */
    private void notByCBisAlone(Evidence e, LocalDate day, List<String> letters, List<Check> operator) {
        Optional<Rule> tax = inForce("A65-C-BIS-TAX", day);
        if (config.taxSector() && tax.isPresent() && letters.equals(List.of("c-bis"))) {
            letters.clear();
            operator.add(new Check(tax.get().reason(), "the AOO is in the tax sector: confirm no specific telematic system is prescribed for this act"));
        }
        Optional<Rule> window = inForce("A65-DL76-CONVERSIONE", day);
        boolean onlyNew = !letters.isEmpty() && List.of("b-bis", "c-bis").containsAll(letters);
        boolean legacyMightHold = letters.isEmpty() && e.providerIdentityAttested() && certifiedAt(e.channel(), day);
        if (window.isPresent() && (onlyNew || legacyMightHold)) {
            String which = onlyNew ? String.join(", ", letters) : "c-bis";
            letters.clear();
            operator.add(new Check(window.get().reason(which), "received between 2020-07-17 and 2020-09-14: confirm letter " + which
                    + " under the DL 76/2020 wording in force that day"));
        }
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
        return switch (owner.kind()) {
            case FIRM_OR_PROFESSIONAL -> "INI-PEC";
            case PUBLIC_ADMINISTRATION, PUBLIC_SERVICE_OPERATOR -> "IPA";
            case PERSON -> "INAD";
        };
    }

    /** The letter reported for DPR 445/2000 art. 38 c.3, before art. 65 lett. c took its wording (2016). */
    static final String LETTER_38_C3 = "art. 38 c. 3";

    private static final List<String> LAW_ORDER = List.of("a", "b", "b-bis", "c", LETTER_38_C3, "c-bis");

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

    private ReceivabilityDecision receivability(Evidence e, LocalDate day, Optional<AddressOwner> owner) {
        Rule ok = atDay(day, "RIC-OK", "RIC-OK-2001");
        if (e.kind() != Evidence.Kind.DOCUMENT) {
            return new ReceivabilityDecision(Optional.empty(), List.of(ok.reason()));
        }
        // The Allegato 6 codes answer another AOO, and exist only from the 2021 guidelines (applied from 2022-01-01).
        boolean towardsAoo = owner.filter(o -> o instanceof AddressOwner.PublicAdministration).isPresent() || e.segnatura().isPresent();
        boolean codes = towardsAoo && rules.rule("RIC-FORMAT").inForce(day);
        boolean uncertified = e.channel() == Channel.PEO || e.channel() == Channel.ANOMALIA || e.channel() == Channel.PEC_NOT_VERIFIED;
        AooConfig.Handling handling = e.channel() == Channel.ANOMALIA ? config.anomalia() : config.ordinaryMail();
        if (uncertified && handling == AooConfig.Handling.REJECT && !e.sender().map(config::allows).orElse(false)) {
            Reason why = rules.rule("RIC-MANUALE-REJECT").reason(e.channel() == Channel.ANOMALIA ? "busta di anomalia" : "posta non certificata");
            return codes ? ric("000_Irricevibile", why) : refused(why);
        }
        if (e.segnaturaUnreadable()) {
            Reason why = rules.rule("RIC-SEG-UNREADABLE").reason(e.segnatura().get().detail());
            return codes ? ric("000_Irricevibile", why) : refused(why);
        }
        if (codes && e.segnatura().isPresent()) {
            Evidence.SegnaturaFact s = e.segnatura().get();
            if (s.anomalies().stream().anyMatch(c -> c.startsWith("001")) || !s.signatureValid()) {
                return ric("001_ValidazioneFirma", rules.rule("RIC-SEG-SIGNATURE").reason(s.detail()));
            }
            if (s.anomalies().stream().anyMatch(c -> c.startsWith("002"))) {
                return ric("002_AnomaliaImpronte", rules.rule("RIC-SEG-IMPRONTA").reason(s.detail()));
            }
        }
        List<Finding> findings = e.files().stream().flatMap(f -> f.allFindings().stream()).toList();
        List<Finding> errors = findings.stream().filter(f -> f.severity() == io.github.pec4j.core.Severity.ERROR).toList();
        List<Finding> unreadable = errors.stream().filter(f -> f.code() == FormatCode.UNREADABLE).toList();
        if (!unreadable.isEmpty()) {
            return codes ? ric("003_DocumentoAllegatiNonLeggibili", rules.rule("RIC-UNREADABLE").reason(describe(unreadable)))
                    : refused(rules.rule("RIC-REFUSED").reason(describe(unreadable)));
        }
        List<Finding> refusedFindings = errors.stream().filter(f -> f.code() != FormatCode.SIGNATURE_INVALID).toList();
        if (!refusedFindings.isEmpty() || e.files().stream().anyMatch(f -> f.verdict() == Verdict.REJECT && f.allFindings().isEmpty())) {
            return codes ? ric("000_Irricevibile", rules.rule("RIC-FORMAT").reason(describe(refusedFindings)))
                    : refused(rules.rule("RIC-REFUSED").reason(describe(refusedFindings)));
        }
        List<Finding> badSignatures = errors.stream().filter(f -> f.code() == FormatCode.SIGNATURE_INVALID).toList();
        if (config.checkSignedDocuments() && !badSignatures.isEmpty()) {
            return codes ? ric("004_DocumentoAllegatiErroreValidazioneFirma", rules.rule("RIC-DOC-SIGNATURE").reason(describe(badSignatures)))
                    : refused(rules.rule("RIC-REFUSED").reason(describe(badSignatures)));
        }
        if (!e.completeness().complete()) {
            List<Gap> unread = unread(e);
            return ReceivabilityDecision.forOperator(List.of(unread.isEmpty() ? rules.rule("RIC-KIND-CONFLICT").reason(gaps(kindConflicts(e)))
                    : rules.rule("RIC-INCOMPLETE").reason(gaps(unread))));
        }
        // SEC-CLOSED-06: a file the checks could not read through (a PDF whose structure no parser could read, a
        // message inside a .msg) is not known to be clean, whatever severity the policy gives it: an operator decides
        List<Finding> notInspected = findings.stream().filter(f -> f.code() == FormatCode.NOT_INSPECTED).toList();
        if (!notInspected.isEmpty()) {
            return ReceivabilityDecision.forOperator(List.of(rules.rule("RIC-INCOMPLETE").reason(describe(notInspected))));
        }
        return new ReceivabilityDecision(Optional.empty(), List.of(ok.reason()));
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.path() + ": " + f.english()).distinct().collect(Collectors.joining("; "));
    }

    private static ReceivabilityDecision ric(String code, Reason reason) {
        return new ReceivabilityDecision(Optional.of(code), List.of(reason));
    }

    /** Refused without an Allegato 6 code: towards a citizen or firm, or before 2022. */
    private static ReceivabilityDecision refused(Reason reason) {
        return new ReceivabilityDecision(Optional.empty(), List.of(reason), true);
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
