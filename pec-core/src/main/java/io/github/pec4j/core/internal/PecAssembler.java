package io.github.pec4j.core.internal;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.BodyText;
import io.github.pec4j.core.ByteRange;
import io.github.pec4j.core.Completeness;
import io.github.pec4j.core.CorrelationKeys;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.ParseCode;
import io.github.pec4j.core.Headers;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.MessageIds;
import io.github.pec4j.core.OriginalMessage;
import io.github.pec4j.core.ParserLimits;
import io.github.pec4j.core.PecHeaders;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.RawMessage;
import io.github.pec4j.core.RemInfo;
import io.github.pec4j.core.SignedLayout;
import io.github.pec4j.core.content.ContentSink;
import io.github.pec4j.core.content.ContentStore;
import io.github.pec4j.core.content.ContentStores;
import io.github.pec4j.core.content.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed MIME tree into a {@link PecMessage}: finds the signed structure, daticert.xml and
 * postacert.eml, classifies the message from its headers, cross-checks, and builds the model.
 */
public final class PecAssembler {

    /** The standard Subject prefixes, longest first so that no prefix shadows a longer one. */
    static final List<Map.Entry<String, Set<PecKind>>> SUBJECT_PREFIXES = List.<Map.Entry<String, Set<PecKind>>>of(
                    Map.entry("AVVISO DI NON ACCETTAZIONE PER VIRUS: ", Set.of(PecKind.NON_ACCETTAZIONE)),
                    Map.entry("AVVISO DI NON ACCETTAZIONE: ", Set.of(PecKind.NON_ACCETTAZIONE)),
                    Map.entry("AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: ",
                            Set.of(PecKind.PREAVVISO_ERRORE_CONSEGNA, PecKind.ERRORE_CONSEGNA)),
                    Map.entry("AVVISO DI MANCATA CONSEGNA PER VIRUS: ", Set.of(PecKind.ERRORE_CONSEGNA)),
                    Map.entry("AVVISO DI MANCATA CONSEGNA: ", Set.of(PecKind.ERRORE_CONSEGNA)),
                    Map.entry("ANOMALIA MESSAGGIO: ", Set.of(PecKind.ANOMALIA)),
                    Map.entry("POSTA CERTIFICATA: ", Set.of(PecKind.POSTA_CERTIFICATA)),
                    Map.entry("PROBLEMA DI SICUREZZA: ", Set.of(PecKind.RILEVAZIONE_VIRUS)),
                    Map.entry("PRESA IN CARICO: ", Set.of(PecKind.PRESA_IN_CARICO)),
                    Map.entry("ACCETTAZIONE: ", Set.of(PecKind.ACCETTAZIONE)),
                    Map.entry("CONSEGNA: ", Set.of(PecKind.AVVENUTA_CONSEGNA)))
            .stream()
            .sorted(Comparator.comparingInt((Map.Entry<String, Set<PecKind>> e) -> e.getKey().length()).reversed())
            .toList();

    /** Non-standard X-Ricevuta values seen in the wild and the kind they mean. */
    private static final Map<String, PecKind> RICEVUTA_ALIASES = Map.of(
            "mancata-consegna", PecKind.ERRORE_CONSEGNA,
            "consegna", PecKind.AVVENUTA_CONSEGNA,
            "preavviso-mancata-consegna", PecKind.PREAVVISO_ERRORE_CONSEGNA);

    private final ParserLimits limits;
    private final ContentStore store;
    private final io.github.pec4j.core.ContentDigest signedDigest;

    PecAssembler(ParserLimits limits, ContentStore store, io.github.pec4j.core.ContentDigest signedDigest) {
        this.limits = limits;
        this.store = store;
        this.signedDigest = signedDigest;
    }

    /** Shared state of one parse: what was spooled and what got used. */
    static final class Context {
        final List<StoredContent> spooled = new ArrayList<>();
        final Set<StoredContent> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        final List<Raws.Releasable> resources = new ArrayList<>();
    }

    /** The subject prefix at the start of {@code subject}, if any (case-insensitive). */
    static Optional<Map.Entry<String, Set<PecKind>>> prefixOf(String subject) {
        String s = subject.stripLeading();
        for (Map.Entry<String, Set<PecKind>> e : SUBJECT_PREFIXES) {
            if (s.regionMatches(true, 0, e.getKey(), 0, e.getKey().length())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    PecMessage assemble(MimeNode root, RawMessage raw, long base, int nesting, Context ctx) throws IOException {
        DiagnosticList diags = new DiagnosticList(limits.maxDiagnostics());
        Headers headers = root.headers;
        PecHeaders ph = PecHeaders.of(headers);

        // 1. The signature layout and the signed content.
        MimeNode content = root;
        // The bytes the content tree's offsets point into: an unwrapped opaque body was parsed from its own copy.
        RawMessage contentRaw = raw;
        long contentBase = base;
        SignedLayout layout = SignedLayout.NONE;
        String type = root.mediaType();
        if (type.equals("multipart/signed") && !root.opaque) {
            MimeNode sig = root.children.size() > 1 ? root.children.get(1) : null;
            content = root.children.isEmpty() ? null : root.children.get(0);
            Optional<ByteRange> signed = content == null ? Optional.empty() : Optional.of(shift(content.range(), base));
            Optional<ByteRange> sigRange = sig == null ? Optional.empty() : Optional.of(shift(sig.bodyRange(), base));
            if (sig == null || !sig.mediaType().endsWith("pkcs7-signature") || sig.decodedSize == 0) {
                diags.add(ParseCode.PEC_SIGNATURE_PART_MISSING, Location.part(sig == null ? "/" : sig.path),
                        sig == null ? "multipart/signed without a signature part"
                                : "the signature part is empty or not application/pkcs7-signature");
            }
            layout = new SignedLayout(SignedLayout.Form.MULTIPART_SIGNED, signed, sigRange,
                    root.contentType.param("protocol"), root.contentType.param("micalg"),
                    Optional.ofNullable(sig).map(MimeNode::mediaType),
                    nesting == 0 ? Optional.ofNullable(signedDigest) : Optional.empty());
        } else if (isOpaque(root)) {
            layout = new SignedLayout(SignedLayout.Form.OPAQUE, Optional.empty(), Optional.of(shift(root.bodyRange(), base)),
                    Optional.empty(), Optional.empty(), Optional.of(type), Optional.empty());
            content = unwrapOpaque(root, diags, ctx);
            if (content != null) {
                contentRaw = ctxRawOf(ctx, content, raw);
                contentBase = content.start;
            }
            if (content != null && !ph.claimsPec() && PecHeaders.of(content.headers).claimsPec()) {
                ph = PecHeaders.of(content.headers);
                headers = content.headers;
            }
        }

        // 2. Classification from the top-level headers.
        Optional<String> subject = headers.first("Subject").map(HeaderCodec::decodeWords);
        PecKind headerKind = null;
        boolean needFallback = false;
        if (ph.trasporto().isPresent()) {
            String v = ph.trasporto().get().toLowerCase(Locale.ROOT);
            if (v.equals("posta-certificata")) headerKind = PecKind.POSTA_CERTIFICATA;
            else if (v.equals("errore")) headerKind = PecKind.ANOMALIA;
            else {
                diags.add(ParseCode.PEC_HEADER_NONSTANDARD, Location.header("/", "X-Trasporto"),
                        "X-Trasporto '" + ph.trasporto().get() + "' is not a standard value; kept raw");
                needFallback = true;
            }
        } else if (ph.ricevuta().isPresent()) {
            String v = ph.ricevuta().get();
            Optional<PecKind> k = PecKind.fromId(v);
            if (k.isPresent() && k.get() != PecKind.POSTA_CERTIFICATA) {
                headerKind = k.get();
            } else {
                diags.add(ParseCode.PEC_HEADER_NONSTANDARD, Location.header("/", "X-Ricevuta"),
                        "X-Ricevuta '" + v + "' is not a standard value; kept raw");
                headerKind = RICEVUTA_ALIASES.get(v.trim().toLowerCase(Locale.ROOT));
                needFallback = headerKind == null;
            }
        }
        checkTipoRicevuta(headers, "/", diags);

        // 3. daticert.xml and postacert.eml, only among the children of the signed multipart.
        MimeNode daticertNode = null;
        MimeNode postacertNode = null;
        if (content != null && content.isMultipart() && !content.opaque) {
            if (!content.mediaType().equals("multipart/mixed") && (headerKind != null || needFallback)) {
                diags.add(ParseCode.PEC_LAYOUT_UNEXPECTED, Location.part(content.path),
                        "signed content is " + content.mediaType() + ", not multipart/mixed");
            }
            List<MimeNode> messages = new ArrayList<>();
            for (MimeNode c : content.children) {
                if (daticertNode == null && isDaticert(c)) {
                    daticertNode = c;
                }
                if (c.isMessage()) {
                    messages.add(c);
                    if (postacertNode == null && c.fileName().filter(n -> n.equalsIgnoreCase("postacert.eml")).isPresent()) {
                        postacertNode = c;
                    }
                }
            }
            if (postacertNode == null && messages.size() == 1 && (headerKind != null || needFallback)) {
                postacertNode = messages.get(0);
                diags.add(ParseCode.PEC_POSTACERT_RENAMED, Location.part(postacertNode.path),
                        "no part is named postacert.eml; the single message/rfc822 part '"
                                + postacertNode.fileName().orElse("") + "' was taken as the original");
            }
        }
        Optional<Daticert> daticert = Optional.empty();
        if (daticertNode != null) {
            boolean tooLarge = daticertNode.capturedOverflow
                    || (daticertNode.stored != null && daticertNode.stored.size() > limits.maxXmlBytes());
            if (tooLarge) {
                diags.add(ParseCode.PEC_DATICERT_TOO_LARGE, Location.part(daticertNode.path),
                        "daticert.xml is larger than " + limits.maxXmlBytes() + " bytes; not read");
            } else {
                byte[] xml = daticertNode.captured != null ? daticertNode.captured
                        : daticertNode.stored != null ? daticertNode.stored.readAllBytes() : new byte[0];
                daticert = DaticertReader.read(xml, daticertNode.path, diags);
                if (daticert.isEmpty() && !diags.has(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED)) {
                    diags.gap(GapKind.DATICERT_UNREADABLE, Location.part(daticertNode.path),
                            "daticert.xml could not be read; the certification data is unknown");
                }
            }
        }

        PecKind kind;
        if (headerKind != null) {
            kind = headerKind;
        } else if (needFallback) {
            Optional<PecKind> fromDaticert = daticert.flatMap(d -> d.tipo().known());
            Optional<PecKind> fromSubject = subject.flatMap(PecAssembler::prefixOf)
                    .filter(e -> e.getValue().size() == 1).map(e -> e.getValue().iterator().next());
            if (fromDaticert.isPresent() || fromSubject.isPresent()) {
                kind = fromDaticert.orElseGet(fromSubject::get);
            } else {
                kind = PecKind.NON_PEC;
                diags.add(ParseCode.PEC_KIND_UNKNOWN, Location.part("/"),
                        "PEC headers with non-standard values and no daticert or Subject to tell the kind");
            }
        } else {
            kind = PecKind.NON_PEC;
        }
        boolean pec = kind != PecKind.NON_PEC;

        // 4. Cross-checks: warnings, never failures.
        if (pec) {
            if (layout.form() == SignedLayout.Form.NONE) {
                diags.add(ParseCode.PEC_NOT_SIGNED, Location.part("/"),
                        "a PEC " + kind.id() + " without provider signature (no multipart/signed or pkcs7-mime)");
            }
            if (daticertNode == null && kind != PecKind.ANOMALIA) {
                diags.add(ParseCode.PEC_DATICERT_MISSING, Location.part(content == null ? "/" : content.path),
                        "no daticert.xml: certification data missing; classified from the headers");
            }
            if (postacertNode == null && (kind == PecKind.POSTA_CERTIFICATA || kind == PecKind.ANOMALIA)) {
                diags.add(ParseCode.PEC_POSTACERT_MISSING, Location.part(content == null ? "/" : content.path),
                        "the envelope has no postacert.eml (original message)");
            }
            final PecKind k = kind;
            final MimeNode certNode = daticertNode;
            daticert.ifPresent(d -> checkKind(k, d, certNode, diags));
            subject.flatMap(PecAssembler::prefixOf).ifPresent(e -> {
                if (!e.getValue().contains(k)) {
                    diags.add(ParseCode.PEC_SUBJECT_MISMATCH, Location.header("/", "Subject"),
                            "Subject prefix '" + e.getKey().trim() + "' does not match kind " + k.id());
                }
            });
        } else if (daticertNode != null) {
            diags.add(ParseCode.PEC_CROSS_CHECK, Location.part(daticertNode.path),
                    "a daticert.xml without X-Trasporto or X-Ricevuta headers; classified as ordinary mail");
        }
        Optional<RemInfo> rem = remInfo(root, content, headers);
        Optional<String> riferimento = ph.riferimentoMessageId()
                .or(() -> rem.flatMap(RemInfo::uaMessageIdentifier))
                .map(MessageIds::normalise).filter(s -> !s.isEmpty());
        daticert.ifPresent(d -> crossCheck(d, riferimento, diags));

        // 5. The original message and nested PEC messages.
        Optional<OriginalMessage> original = Optional.empty();
        List<PecMessage> nested = new ArrayList<>();
        Optional<PecKind> innerKind = Optional.empty();
        if (pec && postacertNode != null) {
            MimeNode embedded = embeddedOf(postacertNode, diags, ctx);
            if (embedded != null) {
                RawMessage originRaw = postacertNode.embedded == embedded ? contentRaw : ctxRawOf(ctx, embedded, raw);
                long originBase = postacertNode.embedded == embedded ? contentBase : embedded.start;
                original = Optional.of(originalOf(embedded, originRaw, originBase, diags, ctx, nested, nesting));
                checkTipoRicevuta(embedded.headers, embedded.path, diags);
                if (PecHeaders.of(embedded.headers).claimsPec()) {
                    PecMessage inner = nestedMessage(embedded, originRaw, originBase, nesting, diags, ctx);
                    if (inner != null) {
                        nested.add(0, inner);
                        if (kind == PecKind.ANOMALIA) {
                            innerKind = Optional.of(inner.kind());
                        }
                    }
                }
            }
        } else if (!pec) {
            boolean unwrapped = content != null && layout.form() == SignedLayout.Form.OPAQUE;
            original = Optional.of(unwrapped
                    ? withOpaqueSignature(original(root.headers, root.path, content, contentRaw, contentBase, diags, ctx, nested, nesting), root, contentRaw, ctx)
                    : original(root, raw, base, diags, ctx, nested, nesting));
        }

        // A breve delivery receipt replaces each original attachment with its hash; the format is not
        // settled, so flag every part generically and keep it raw.
        if (kind == PecKind.AVVENUTA_CONSEGNA && original.isPresent()
                && daticert.flatMap(Daticert::ricevuta).flatMap(r -> r.known()).orElse(null) == Daticert.RicevutaTipo.BREVE) {
            for (var a : original.get().attachments()) {
                diags.add(ParseCode.ATTACHMENT_REPLACED_BY_HASH, Location.part(a.mimePath()),
                        "breve consegna: '" + a.safeName() + "' stands in for the original attachment (its hash); kept raw");
            }
        }

        // 6. Derived values.
        final Optional<OriginalMessage> originalFinal = original;
        Optional<String> originalSubject = daticert.flatMap(Daticert::oggetto)
                .or(() -> originalFinal.flatMap(OriginalMessage::subject))
                .or(() -> subject.map(PecAssembler::stripOnePrefix));
        Optional<String> sender;
        if (daticert.isPresent() && !daticert.get().mittente().isBlank()) {
            sender = Optional.of(daticert.get().mittente());
        } else if (kind == PecKind.ANOMALIA && originalFinal.flatMap(OriginalMessage::from).isPresent()) {
            sender = originalFinal.flatMap(OriginalMessage::from); // inside the signed content
        } else if (pec) {
            sender = headers.first("From").flatMap(HeaderCodec::displayName).flatMap(PecAssembler::perContoDi);
            if (sender.isPresent()) {
                diags.add(ParseCode.PEC_SENDER_FROM_HEADER, Location.header("/", "From"),
                        "sender taken from the unsigned 'Per conto di:' display name (no daticert)");
            } else {
                sender = firstAddress(headers, "Reply-To");
            }
        } else {
            sender = original.flatMap(OriginalMessage::from);
        }
        boolean virus = ph.verificaSicurezza().map(v -> v.equalsIgnoreCase("errore")).orElse(false)
                || daticert.flatMap(d -> d.errore().known()).map(e -> e == Daticert.Errore.VIRUS).orElse(false);
        CorrelationKeys keys = new CorrelationKeys(riferimento,
                daticert.flatMap(Daticert::msgidNormalised),
                daticert.map(Daticert::identificativo).map(MessageIds::normalise).filter(s -> !s.isEmpty()),
                messageId(headers, "Message-ID"),
                daticert.flatMap(Daticert::consegna));

        return new PecMessage(kind, innerKind, headers, ph, subject, originalSubject, sender, daticert, original, keys,
                layout, virus, nested, diags.toList(), raw, rem, completeness(root, diags, nested));
    }

    /**
     * SEC-CLOSED-08: the result for content the parser failed on with a defect of its own. Only the top-level
     * headers are read (they were parsed before the failure); kind {@code non-pec}, an ERROR and a gap, so no
     * caller concludes anything from it, and the raw bytes kept for an operator and for the report.
     */
    static PecMessage failed(MimeNode root, RawMessage raw, RuntimeException defect, ParserLimits limits) {
        DiagnosticList diags = new DiagnosticList(limits.maxDiagnostics());
        diags.add(ParseCode.PARSE_FAILED, Location.part("/"), "the parser failed on this content (" + defect
                + "); only the top-level headers were read, the raw bytes are kept");
        Headers h = root.headers;
        Optional<String> subject = h.first("Subject").map(HeaderCodec::decodeWords);
        Optional<String> from = firstAddress(h, "From");
        CorrelationKeys keys = new CorrelationKeys(Optional.empty(), Optional.empty(), Optional.empty(),
                messageId(h, "Message-ID"), Optional.empty());
        return new PecMessage(PecKind.NON_PEC, Optional.empty(), h, PecHeaders.of(h), subject, subject, from, Optional.empty(),
                Optional.empty(), keys, SignedLayout.NONE, false, List.of(), diags.toList(), raw, Optional.empty(),
                Completeness.of(diags.gaps()));
    }

    /** The first address of a header field, if it has one. */
    private static Optional<String> firstAddress(Headers h, String field) {
        return h.first(field).map(HeaderCodec::addresses).filter(l -> !l.isEmpty()).map(l -> l.get(0));
    }

    /** A header field holding a message id, normalised; empty when absent or blank. */
    private static Optional<String> messageId(Headers h, String field) {
        return h.first(field).map(MessageIds::normalise).filter(id -> !id.isEmpty());
    }

    /** What this message's parts, its PEC-level reading and its nested messages did not read. */
    private static Completeness completeness(MimeNode root, DiagnosticList diags, List<PecMessage> nested) {
        List<Gap> gaps = new ArrayList<>();
        root.collectGaps(gaps, DiagnosticList.MAX_GAPS);
        gaps.addAll(diags.gaps());
        nested.forEach(n -> gaps.addAll(n.completeness().gaps()));
        return Completeness.of(gaps);
    }

    /** REM headers of the top-level section and XML parts in an ETSI evidence namespace, outside embedded messages. */
    private Optional<RemInfo> remInfo(MimeNode root, MimeNode content, Headers headers) throws IOException {
        List<Headers.Field> remHeaders = headers.fields().stream()
                .filter(f -> f.name().regionMatches(true, 0, "REM-", 0, 4) || f.name().regionMatches(true, 0, "X-REM-", 0, 6))
                .toList();
        List<String> evidence = new ArrayList<>();
        collectEvidence(root, evidence);
        if (content != null && content != root) {
            collectEvidence(content, evidence);
        }
        if (remHeaders.isEmpty() && evidence.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RemInfo(remHeaders, evidence.stream().distinct().toList(),
                messageId(headers, "REM-UAMessageIdentifier")));
    }

    private void collectEvidence(MimeNode n, List<String> out) throws IOException {
        if (n.isMultipart()) {
            for (MimeNode c : n.children) {
                collectEvidence(c, out);
            }
            return;
        }
        if (n.inEmbedded || n.embedded != null || !n.mediaType().endsWith("xml")) {
            return;
        }
        byte[] head = n.captured;
        if (head == null && n.stored != null && n.stored.size() <= limits.maxXmlBytes()) {
            try (InputStream in = n.stored.openStream()) {
                head = in.readNBytes(64 * 1024);
            }
        }
        if (head != null) {
            String text = new String(head, StandardCharsets.ISO_8859_1);
            if (text.contains(RemInfo.ERDS_NAMESPACE) || text.contains(RemInfo.LEGACY_NAMESPACE)) {
                out.add(n.path);
            }
        }
    }

    private static boolean isDaticert(MimeNode n) {
        String t = n.mediaType();
        return (t.equals("application/xml") || t.equals("text/xml"))
                && n.fileName().filter(f -> f.equalsIgnoreCase("daticert.xml")).isPresent()
                && (n.captured != null || n.stored != null);
    }

    private static ByteRange shift(ByteRange r, long base) {
        return new ByteRange(r.start() - base, r.end() - base);
    }

    private static String stripOnePrefix(String subject) {
        return prefixOf(subject).map(e -> subject.stripLeading().substring(e.getKey().length())).orElse(subject);
    }

    private static Optional<String> perContoDi(String displayName) {
        String p = "per conto di:";
        String d = displayName.trim();
        if (d.regionMatches(true, 0, p, 0, p.length())) {
            String s = d.substring(p.length()).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
        return Optional.empty();
    }

    /**
     * The kind comes from unsigned headers, the daticert's tipo from inside the provider's signature: a relay can
     * change the first and not the second. Where they differ (an anomalia too: a busta di anomalia states no tipo of
     * its own) the kind is unknown, so it is an error and a gap, never a fact to act on.
     */
    private static void checkKind(PecKind kind, Daticert d, MimeNode daticertNode, DiagnosticList diags) {
        if (d.tipo().known().map(t -> t != kind).orElse(false)) {
            diags.add(ParseCode.PEC_KIND_MISMATCH, Location.part("/"),
                    "headers say " + kind.id() + " but daticert tipo is " + d.tipo().raw());
            diags.gap(GapKind.KIND_CONFLICT, Location.part(daticertNode.path),
                    "the headers say " + kind.id() + ", the signed daticert.xml says " + d.tipo().raw() + ": the kind is unknown");
        }
    }

    private static void checkTipoRicevuta(Headers headers, String path, DiagnosticList diags) {
        for (Headers.Field f : headers.fields()) {
            String n = f.name().toLowerCase(Locale.ROOT);
            if (n.equals("x-tipo-ricevuta")) {
                diags.add(ParseCode.PEC_HEADER_NONSTANDARD, Location.header(path, f.name()),
                        "non-standard header " + f.name() + ": " + f.value().trim() + "; kept raw");
            } else if (n.equals("x-tiporicevuta")) {
                String v = f.value().trim().toLowerCase(Locale.ROOT);
                if (!v.equals("completa") && !v.equals("breve") && !v.equals("sintetica")) {
                    diags.add(ParseCode.PEC_HEADER_NONSTANDARD, Location.header(path, f.name()),
                            "X-TipoRicevuta '" + f.value().trim() + "' is not completa, breve or sintetica; kept raw");
                }
            }
        }
    }

    private static void crossCheck(Daticert d, Optional<String> riferimento, DiagnosticList diags) {
        Location at = Location.part("/");
        Optional<String> msgid = d.msgidNormalised();
        if (riferimento.isPresent() && msgid.isPresent() && !riferimento.get().equals(msgid.get())) {
            diags.add(ParseCode.PEC_CROSS_CHECK, Location.header("/", "X-Riferimento-Message-ID"),
                    "X-Riferimento-Message-ID differs from daticert msgid; the signed msgid is authoritative");
        }
        if (!d.mittente().isEmpty() && d.mittente().indexOf('@') < 0) {
            diags.add(ParseCode.PEC_CROSS_CHECK, at, "daticert mittente is not an e-mail address");
        }
        d.consegna().ifPresent(c -> {
            boolean listed = d.destinatari().stream().anyMatch(x -> x.indirizzo().equalsIgnoreCase(c));
            if (!listed && !d.destinatari().isEmpty()) {
                diags.add(ParseCode.PEC_CROSS_CHECK, at, "daticert consegna is not among the destinatari");
            }
        });
    }

    private static boolean isOpaque(MimeNode root) {
        String t = root.mediaType();
        if (!t.equals("application/pkcs7-mime") && !t.equals("application/x-pkcs7-mime")) {
            return false;
        }
        Optional<String> smime = root.contentType.param("smime-type").map(s -> s.toLowerCase(Locale.ROOT));
        return smime.map(s -> s.equals("signed-data")).orElse(true) && root.stored != null;
    }

    /** Unwraps an opaque signed-data body and parses the MIME inside; null on failure (diagnosed). */
    private MimeNode unwrapOpaque(MimeNode root, DiagnosticList diags, Context ctx) throws IOException {
        diags.add(ParseCode.PEC_OPAQUE_SIGNATURE, Location.part(root.path),
                "opaque S/MIME signed-data (smime.p7m); its content was unwrapped");
        try (InputStream der = root.stored.openStream()) {
            InputStream content = CmsContent.open(new java.io.BufferedInputStream(der, 16 * 1024));
            return subParse(content, root.path.equals("/") ? "/p7m" : root.path + "/p7m", diags, ctx);
        } catch (CmsContent.NotCmsException | java.io.EOFException e) {
            diags.add(ParseCode.PEC_OPAQUE_UNREADABLE, Location.part(root.path),
                    "the pkcs7-mime content is not a readable CMS SignedData: " + e.getMessage());
            return null;
        }
    }

    /** Raw bytes of sub-parsed trees (opaque content, base64-encoded messages), by root node. */
    private final Map<MimeNode, RawMessage> subRaws = new IdentityHashMap<>();

    private RawMessage ctxRawOf(Context ctx, MimeNode node, RawMessage fallback) {
        return subRaws.getOrDefault(node, fallback);
    }

    private MimeNode subParse(InputStream content, String path, DiagnosticList diags, Context ctx) throws IOException {
        Raws.Spool spool = new Raws.Spool(1024 * 1024);
        MimeParser parser = new MimeParser(content, spool, limits, diags, store, -1);
        MimeNode inner;
        try {
            inner = parser.parse();
            parser.drain();
        } catch (IOException | RuntimeException e) {
            spool.discard();
            ctx.spooled.addAll(parser.spooled);
            throw e;
        }
        ctx.spooled.addAll(parser.spooled);
        List<Gap> innerGaps = new ArrayList<>();
        inner.collectGaps(innerGaps, DiagnosticList.MAX_GAPS);
        innerGaps.forEach(g -> diags.gap(g.kind(), Location.part(path + g.location().mimePath()), g.detail()));
        RawMessage raw = spool.toRaw();
        if (raw instanceof Raws.Releasable r) {
            ctx.resources.add(r);
        }
        subRaws.put(inner, raw);
        return inner;
    }

    /** The message inside a message/rfc822 part: parsed inline, or decoded first when transfer-encoded. */
    private MimeNode embeddedOf(MimeNode part, DiagnosticList diags, Context ctx) throws IOException {
        if (part.embedded != null) {
            return part.embedded;
        }
        if (part.stored != null) {
            try (InputStream in = part.stored.openStream()) {
                return subParse(in, part.path + "/msg", diags, ctx);
            }
        }
        return null;
    }

    private PecMessage nestedMessage(MimeNode node, RawMessage raw, long base, int nesting, DiagnosticList diags, Context ctx)
            throws IOException {
        if (nesting >= limits.maxNestedMessages()) {
            diags.add(ParseCode.PEC_NESTED_LIMIT_EXCEEDED, Location.part(node.path),
                    "PEC messages nested deeper than " + limits.maxNestedMessages() + "; not parsed further");
            return null;
        }
        RawMessage view = Raws.range(raw, shift(node.range(), base));
        return assemble(node, view, node.start, nesting + 1, ctx);
    }

    /**
     * The original of an envelope. One its sender signed in opaque form ({@code smime.p7m}, signed-data) is read from
     * inside the signature, as opaque ordinary mail is: its files are the message's attachments, not one {@code .p7m}
     * whose content would be a nameless MIME entity. A PEC inside (an anomalia's) unwraps itself.
     */
    private OriginalMessage originalOf(MimeNode e, RawMessage raw, long base, DiagnosticList diags, Context ctx,
            List<PecMessage> nested, int nesting) throws IOException {
        if (isOpaque(e) && !PecHeaders.of(e.headers).claimsPec()) {
            MimeNode inner = unwrapOpaque(e, diags, ctx);
            if (inner != null) {
                RawMessage innerRaw = ctxRawOf(ctx, inner, raw);
                OriginalMessage o = original(e.headers, e.path, inner, innerRaw, inner.start, diags, ctx, nested, nesting);
                return withOpaqueSignature(o, e, innerRaw, ctx);
            }
        }
        return original(e, raw, base, diags, ctx, nested, nesting);
    }

    /**
     * The original with the sender's opaque signature ({@code smime.p7m}, node {@code e}) as its last attachment,
     * carrying the content it encapsulates ({@link Attachment#signedContent()}): verified over what it signs, its files
     * being the mail's other attachments (SIG-SMIME-02).
     */
    private static OriginalMessage withOpaqueSignature(OriginalMessage o, MimeNode e, RawMessage content, Context ctx) throws IOException {
        ctx.used.add(e.stored);
        SafeNames names = new SafeNames();
        o.attachments().forEach(a -> names.safe(a.safeName()));
        String name = e.sentFileName().orElse("smime.p7m");
        StoredContent signed = Raws.lazyRangeContent(content, new ByteRange(0, content.size()));
        Attachment signature = new Attachment(e.path, name, names.safe(name), e.mediaType(), e.isInline(), e.stored.size(), e.stored.sha256Hex(),
                e.stored, false, e.whole(), Optional.of(signed));
        List<Attachment> all = new ArrayList<>(o.attachments());
        all.add(signature);
        return new OriginalMessage(o.mimePath(), o.headers(), o.subject(), o.from(), o.to(), o.cc(), o.date(), o.messageId(),
                o.riferimentoMessageId(), o.texts(), all);
    }

    private OriginalMessage original(MimeNode e, RawMessage raw, long base, DiagnosticList diags, Context ctx,
            List<PecMessage> nested, int nesting) throws IOException {
        return original(e.headers, e.path, e, raw, base, diags, ctx, nested, nesting);
    }

    /** The original: {@code h} its headers (outside an opaque signature), {@code e} the tree its texts and files are in. */
    private OriginalMessage original(Headers h, String mimePath, MimeNode e, RawMessage raw, long base, DiagnosticList diags, Context ctx,
            List<PecMessage> nested, int nesting) throws IOException {
        List<BodyText> texts = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        SafeNames names = new SafeNames();
        collect(e, e, raw, base, texts, attachments, names, diags, ctx, nested, nesting);
        return new OriginalMessage(mimePath, h,
                h.first("Subject").map(HeaderCodec::decodeWords),
                firstAddress(h, "From"),
                h.all("To").stream().flatMap(v -> HeaderCodec.addresses(v).stream()).toList(),
                h.all("Cc").stream().flatMap(v -> HeaderCodec.addresses(v).stream()).toList(),
                h.first("Date").flatMap(HeaderCodec::date),
                messageId(h, "Message-ID"),
                messageId(h, "X-Riferimento-Message-ID"),
                texts, attachments);
    }

    private void collect(MimeNode n, MimeNode top, RawMessage raw, long base, List<BodyText> texts, List<Attachment> out,
            SafeNames names, DiagnosticList diags, Context ctx, List<PecMessage> nested, int nesting) throws IOException {
        if (n.isMultipart() && !n.opaque) {
            for (MimeNode c : n.children) {
                collect(c, top, raw, base, texts, out, names, diags, ctx, nested, nesting);
            }
            linkSignedContent(n, raw, base, out);
            return;
        }
        if (n.isMessage() && n != top && n.embedded != null) {
            StoredContent content = Raws.rangeContent(raw, shift(n.embedded.range(), base));
            out.add(attachment(n, content, names, diags, true));
            if (PecHeaders.of(n.embedded.headers).claimsPec()) {
                PecMessage inner = nestedMessage(n.embedded, raw, base, nesting, diags, ctx);
                if (inner != null) {
                    nested.add(inner);
                }
            }
            return;
        }
        if (n.isMessage() && n == top && n.embedded != null) {
            collect(n.embedded, n.embedded, raw, base, texts, out, names, diags, ctx, nested, nesting);
            return;
        }
        switch (n.capture) {
            case TEXT -> texts.add(text(n, diags));
            case SPOOLED -> {
                ctx.used.add(n.stored);
                out.add(attachment(n, n.stored, names, diags, false));
            }
            case XML, SIGNATURE -> {
                ContentSink sink = ContentStores.memory().newSink(n.captured.length);
                sink.write(n.captured, 0, n.captured.length);
                out.add(attachment(n, sink.complete(), names, diags, false));
            }
            default -> {
                // SKIPPED (beyond a limit, already diagnosed) or NONE
            }
        }
    }

    /**
     * A sender's clear-signed mail (RFC 8551 §3.5): its {@code smime.p7s} signs the first part, so the attachment
     * carries those bytes; alone, a detached signature cannot be verified and would look like a broken document.
     */
    private static void linkSignedContent(MimeNode n, RawMessage raw, long base, List<Attachment> out) throws IOException {
        if (!n.mediaType().equals("multipart/signed") || n.children.size() < 2 || !n.children.get(1).mediaType().endsWith("pkcs7-signature")) {
            return;
        }
        String signaturePath = n.children.get(1).path;
        for (int i = 0; i < out.size(); i++) {
            Attachment a = out.get(i);
            if (!a.mimePath().equals(signaturePath)) continue;
            StoredContent signed = Raws.lazyRangeContent(raw, shift(n.children.get(0).range(), base));
            out.set(i, new Attachment(a.mimePath(), a.name(), a.safeName(), a.declaredType(), a.inline(), a.size(), a.sha256(), a.content(),
                    a.embeddedMessage(), a.complete(), Optional.of(signed)));
        }
    }

    private Attachment attachment(MimeNode n, StoredContent content, SafeNames names, DiagnosticList diags, boolean message) {
        String name = n.sentFileName().orElse("");
        if (name.isEmpty() && message) {
            name = n.embedded.headers.first("Subject").map(HeaderCodec::decodeWords).map(s -> s + ".eml").orElse("");
        }
        String safe = names.safe(name);
        if (SafeNames.isPathLike(name)) {
            diags.add(ParseCode.ATTACHMENT_NAME_UNSAFE, Location.header(n.path, "Content-Disposition"),
                    "attachment name is a path (traversal, absolute path or drive letter); stored as '" + safe + "'");
        }
        if (SafeNames.isOdd(name)) {
            diags.add(ParseCode.ATTACHMENT_NAME_ODD, Location.header(n.path, "Content-Disposition"),
                    "attachment name has control characters or leading or trailing white space; name() keeps it, safe name '"
                            + safe + "'");
        }
        return new Attachment(n.path, name, safe, n.mediaType(), n.isInline(), content.size(), content.sha256Hex(),
                content, message, n.whole());
    }

    private BodyText text(MimeNode n, DiagnosticList diags) {
        String cs = n.charsetName();
        Charset charset = HeaderCodec.charset(cs).orElse(null);
        if (charset == null) {
            diags.add(ParseCode.MIME_CHARSET_UNKNOWN, Location.header(n.path, "Content-Type"),
                    "unknown charset '" + cs + "'; read as windows-1252");
            charset = HeaderCodec.WINDOWS_1252;
        } else if (cs.equals("us-ascii") && !isAscii(n.captured)) {
            charset = isUtf8(n.captured) ? StandardCharsets.UTF_8 : HeaderCodec.WINDOWS_1252;
        }
        if (n.capturedOverflow) {
            diags.add(ParseCode.MIME_TEXT_TRUNCATED, Location.part(n.path),
                    "text part of " + n.decodedSize + " bytes cut at " + limits.maxTextBytes());
        }
        return new BodyText(n.path, n.mediaType(), charset.name(), new String(n.captured, charset), n.capturedOverflow);
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) return false;
        }
        return true;
    }

    private static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
