package io.github.pec4j.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pec4j.directory.internal.InadJson;
import io.github.pec4j.directory.internal.InadJson.Extract;
import io.github.pec4j.directory.internal.Lookups;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A client of INAD's extraction API (CAD art. 6-quater; {@code AgID/INAD_API_Extraction}, e-service
 * "INAD CONSULTAZIONE DD" on PDND), for persons, professionals outside an albo and private bodies.
 *
 * <ul>
 *   <li>{@link #domicilesOf}: {@code GET {base}/extract/{codice_fiscale}?practicalReference=…}. INAD
 *       answers with the domiciles <em>at the time of the call</em>; one whose
 *       {@code usageInfo.dateEndValidity} precedes the day asked about is left out (DIR-INAD-01). For a
 *       past day prefer {@link #verify}.</li>
 *   <li>{@link #verify}: {@code GET {base}/verify/{codice_fiscale}?digital_address=…&since=yyyy-MM-dd&practicalReference=…},
 *       the CAD art. 65 c-bis check at the date of receipt; INAD's {@code outcome} is the value and its
 *       {@code dateTimeCheck} the {@link Answer#asOf()} (DIR-INAD-01).</li>
 *   <li>{@link #domicilesOfAll}: {@code POST {base}/listDigitalAddress} with at most 1000 codici fiscali
 *       per request and the API's spelling {@code praticalReference}, then
 *       {@code GET {base}/listDigitalAddress/state/{id}} until {@code DISPONIBILE} (or 303), then
 *       {@code GET {base}/listDigitalAddress/response/{id}}. Still pending when the batch timeout (read
 *       on the injected clock) runs out: {@code UNKNOWN} with {@link Answer#REASON_PENDING} (DIR-INAD-02).</li>
 * </ul>
 *
 * <p>Every request carries {@code Authorization: Bearer <voucher>} from the token supplier (a PDND
 * voucher; obtaining it is the integrator's business). HTTP errors, timeouts, a voucher supplier that
 * throws and malformed JSON are {@code UNKNOWN} answers with a reason; {@code NOT_FOUND} only when INAD
 * itself says so: a 404 carrying the API's error body, or a response with no address.
 * Redirects are never followed. Owner-by-address lookups are not supported (INAD has none).
 */
public final class InadDirectory implements DomicileDirectory {
    /** The id of this directory and the source of its answers. */
    public static final String ID = "inad";
    /** The most codici fiscali INAD accepts in one batch request. */
    public static final int MAX_BATCH = 1000;
    /** The largest response body read; a larger one is {@code UNKNOWN}. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final Pattern TAX_CODE = Pattern.compile("[0-9]{11}|[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]");
    private static final Set<String> PENDING = Set.of("PRESA_IN_CARICO", "IN_ELABORAZIONE");
    private static final String READY = "DISPONIBILE";

    private final String base;
    private final Supplier<String> token;
    private final String practicalReference;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration batchTimeout;
    private final Duration pollInterval;
    private final Clock clock;

    private InadDirectory(Builder b) {
        String url = b.baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = Objects.requireNonNull(b.token, "tokenSupplier");
        this.practicalReference = b.practicalReference;
        this.requestTimeout = b.requestTimeout;
        this.batchTimeout = b.batchTimeout;
        this.pollInterval = b.pollInterval;
        this.clock = b.clock;
        this.http = b.http != null ? b.http
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A builder for the e-service at {@code baseUrl}, e.g.
     * {@code https://api.inad.gov.it/rest/inad/v1/domiciliodigitale} (take the real one from PDND).
     *
     * @param baseUrl the base URL of the INAD extraction e-service
     * @return a builder with the defaults
     */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Lookup> capabilities() {
        return EnumSet.of(Lookup.DOMICILES_BY_TAX_CODE, Lookup.VERIFY_AT_DATE, Lookup.BATCH);
    }

    @Override
    public Set<DomicileRegister> registers() {
        return EnumSet.of(DomicileRegister.INAD);
    }

    /** Not supported: INAD has no lookup by address. */
    @Override
    public Answer<AddressOwner> ownerOf(String address, LocalDate at) {
        Objects.requireNonNull(address, "address");
        return Answer.notSupported(ID, clock.instant());
    }

    @Override
    public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
        return domicilesOf(taxCode, at, practicalReference);
    }

    /**
     * {@link #domicilesOf(String, LocalDate)} for the procedure {@code practicalReference} (e.g. a protocol number).
     *
     * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
     * @param at the day the question is about (for a message, the day it was received)
     * @param practicalReference the procedure the lookup is made for, sent to INAD
     * @return the domiciles INAD gives, or {@code UNKNOWN} when it cannot be asked
     */
    public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at, String practicalReference) {
        Objects.requireNonNull(at, "at");
        Checks.text(practicalReference, "practicalReference");
        try {
            String cf = taxCode(taxCode);
            Response r = send(get(base + "/extract/" + cf + "?practicalReference=" + encode(practicalReference)));
            if (r.status() == 404) {
                return notFoundOrUnknown(r);
            }
            Extract extract = InadJson.extract(ok(r), ID);
            if (!Lookups.normalizeTaxCode(extract.taxCode()).equals(cf)) {
                throw new Unknown(Answer.REASON_MALFORMED + ": answer for " + extract.taxCode() + " instead of " + cf);
            }
            return Lookups.validOn(extract.domiciles(), at, ID, extract.extractedAt().orElseGet(clock::instant));
        } catch (InadJson.MalformedException e) {
            return Answer.unknown(ID, clock.instant(), Answer.REASON_MALFORMED + ": " + e.getMessage());
        } catch (Unknown e) {
            return Answer.unknown(ID, clock.instant(), e.getMessage());
        } catch (RuntimeException e) {
            return Answer.unknown(ID, clock.instant(), unreadable(e));
        }
    }

    @Override
    public Answer<Boolean> verify(String taxCode, String address, LocalDate at) {
        return verify(taxCode, address, at, practicalReference);
    }

    /**
     * Asks INAD whether {@code address} was a domicile of {@code taxCode} on {@code at} (the day of
     * receipt): {@code FOUND(outcome)} dated with INAD's {@code dateTimeCheck}; {@code NOT_FOUND} if INAD
     * answers 404 with its error body.
     *
     * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
     * @param address the PEC address to check
     * @param at the day the question is about (for a message, the day it was received)
     * @param practicalReference the procedure the lookup is made for, sent to INAD
     * @return whether {@code address} was a domicile then, or {@code UNKNOWN}
     */
    public Answer<Boolean> verify(String taxCode, String address, LocalDate at, String practicalReference) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(at, "at");
        Checks.text(practicalReference, "practicalReference");
        try {
            String cf = taxCode(taxCode);
            Response r = send(get(base + "/verify/" + cf + "?digital_address=" + encode(address.strip()) + "&since=" + at
                    + "&practicalReference=" + encode(practicalReference)));
            if (r.status() == 404) {
                return notFoundOrUnknown(r);
            }
            InadJson.Verification v = InadJson.verification(ok(r));
            return Answer.found(ID, v.dateTimeCheck(), v.outcome());
        } catch (InadJson.MalformedException e) {
            return Answer.unknown(ID, clock.instant(), Answer.REASON_MALFORMED + ": " + e.getMessage());
        } catch (Unknown e) {
            return Answer.unknown(ID, clock.instant(), e.getMessage());
        } catch (RuntimeException e) {
            return Answer.unknown(ID, clock.instant(), unreadable(e));
        }
    }

    @Override
    public Map<String, Answer<List<Domicile>>> domicilesOfAll(Collection<String> taxCodes, LocalDate at) {
        return domicilesOfAll(taxCodes, at, practicalReference);
    }

    /**
     * The batch extraction: requests of at most {@value #MAX_BATCH} codici fiscali, all submitted
     * first, then polled in turn until each is ready or the batch timeout has passed on the clock. Malformed codici fiscali are answered
     * {@code UNKNOWN} without being sent.
     *
     * @param at the day the question is about (for a message, the day it was received)
     * @param taxCodes the codici fiscali to look up
     * @param practicalReference the procedure the lookup is made for, sent to INAD
     * @return one answer per distinct codice fiscale, in the order given
     */
    public Map<String, Answer<List<Domicile>>> domicilesOfAll(Collection<String> taxCodes, LocalDate at, String practicalReference) {
        Objects.requireNonNull(at, "at");
        Checks.text(practicalReference, "practicalReference");
        Map<String, Answer<List<Domicile>>> answers = new LinkedHashMap<>();
        Map<String, List<String>> asked = new LinkedHashMap<>(); // normalised -> as given
        for (String given : new LinkedHashSet<>(taxCodes)) {
            answers.put(given, null);
            try {
                asked.computeIfAbsent(taxCode(given), k -> new ArrayList<>()).add(given);
            } catch (Unknown e) {
                answers.put(given, Answer.unknown(ID, clock.instant(), e.getMessage()));
            }
        }
        Instant deadline = clock.instant().plus(batchTimeout);
        List<String> valid = new ArrayList<>(asked.keySet());
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < valid.size(); from += MAX_BATCH) {
            batches.add(submit(valid.subList(from, Math.min(valid.size(), from + MAX_BATCH)), practicalReference));
        }
        poll(batches, at, deadline);
        for (Batch b : batches) {
            b.answers.forEach((cf, answer) -> asked.get(cf).forEach(given -> answers.put(given, answer)));
        }
        return answers;
    }

    /** One batch request: its codici fiscali, its id once accepted, its answers once known. */
    private static final class Batch {
        final List<String> cfs;
        String id = "";
        String state = "";
        final Map<String, Answer<List<Domicile>>> answers = new HashMap<>();

        Batch(List<String> cfs) {
            this.cfs = cfs;
        }

        boolean done() {
            return !answers.isEmpty();
        }
    }

    private Batch submit(List<String> cfs, String reference) {
        Batch b = new Batch(List.copyOf(cfs));
        try {
            Response submitted = send(request(base + "/listDigitalAddress")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(InadJson.batchRequest(b.cfs, reference))));
            if (submitted.status() != 202 && submitted.status() != 200 && submitted.status() != 201) {
                throw httpError(submitted);
            }
            InadJson.State state = InadJson.state(InadJson.parse(submitted.body()));
            b.id = state.id().or(() -> submitted.location().map(InadDirectory::lastSegment))
                    .orElseThrow(() -> new InadJson.MalformedException("no request id"));
            b.state = state.state();
        } catch (InadJson.MalformedException e) {
            fail(b, Answer.REASON_MALFORMED + ": " + e.getMessage());
        } catch (Unknown e) {
            fail(b, e.getMessage());
        } catch (RuntimeException e) {
            fail(b, unreadable(e));
        }
        return b;
    }

    /** Polls the pending batches in turn until each is ready (then fetched) or the deadline has passed. */
    private void poll(List<Batch> batches, LocalDate at, Instant deadline) {
        while (true) {
            for (Batch b : batches) {
                if (!b.done()) {
                    pollOnce(b, at);
                }
            }
            if (batches.stream().allMatch(Batch::done)) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                for (Batch b : batches) {
                    if (!b.done()) {
                        fail(b, Answer.REASON_PENDING + ": request " + b.id + " still " + b.state + " after " + batchTimeout);
                    }
                }
                return;
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batches.stream().filter(b -> !b.done()).forEach(b -> fail(b, Answer.REASON_UNAVAILABLE + ": interrupted while waiting for the batch"));
                return;
            }
        }
    }

    private void pollOnce(Batch b, LocalDate at) {
        try {
            Response polled = send(get(base + "/listDigitalAddress/state/" + encode(b.id)));
            if (polled.status() != 303) {
                JsonNode node = ok(polled);
                if (node.has("list")) { // a client that followed the 303 by itself
                    complete(b, InadJson.list(node, ID), at);
                    return;
                }
                b.state = InadJson.state(node).state();
                if (PENDING.contains(b.state)) {
                    return;
                }
                if (!b.state.equals(READY)) {
                    throw new InadJson.MalformedException("unknown state " + b.state);
                }
            }
            complete(b, InadJson.list(ok(send(get(base + "/listDigitalAddress/response/" + encode(b.id)))), ID), at);
        } catch (InadJson.MalformedException e) {
            fail(b, Answer.REASON_MALFORMED + ": " + e.getMessage());
        } catch (Unknown e) {
            fail(b, e.getMessage());
        } catch (RuntimeException e) {
            fail(b, unreadable(e));
        }
    }

    private void fail(Batch b, String reason) {
        Instant now = clock.instant();
        b.cfs.forEach(cf -> b.answers.put(cf, Answer.unknown(ID, now, reason)));
    }

    private void complete(Batch b, List<Extract> extracts, LocalDate at) {
        Map<String, Extract> byCf = new HashMap<>();
        extracts.forEach(e -> byCf.put(Lookups.normalizeTaxCode(e.taxCode()), e));
        for (String cf : b.cfs) {
            Extract e = byCf.get(cf);
            b.answers.put(cf, e == null
                    ? Answer.unknown(ID, clock.instant(), Answer.REASON_MALFORMED + ": " + cf + " missing from the list")
                    : Lookups.validOn(e.domiciles(), at, ID, e.extractedAt().orElseGet(clock::instant)));
        }
    }

    private static String lastSegment(String location) {
        String path = URI.create(location).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private <T> Answer<T> notFoundOrUnknown(Response r) throws Unknown {
        if (InadJson.error(r.body()).isPresent()) {
            return Answer.notFound(ID, clock.instant());
        }
        throw new Unknown(Answer.REASON_UNAVAILABLE + ": HTTP 404 without INAD's error body (wrong base URL?)");
    }

    private JsonNode ok(Response r) throws Unknown, InadJson.MalformedException {
        if (r.status() != 200) {
            throw httpError(r);
        }
        return InadJson.parse(r.body());
    }

    private static Unknown httpError(Response r) {
        return new Unknown(Answer.REASON_UNAVAILABLE + ": HTTP " + r.status() + InadJson.error(r.body()).map(e -> " " + e).orElse(""));
    }

    private static String taxCode(String taxCode) throws Unknown {
        String cf = Lookups.normalizeTaxCode(Objects.requireNonNull(taxCode, "taxCode"));
        if (!TAX_CODE.matcher(cf).matches()) {
            throw new Unknown(Answer.REASON_NOT_SUPPORTED + ": not a codice fiscale or partita IVA");
        }
        return cf;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A failure of Jackson or of this class on an answer: the answer is unknown, never an exception to the caller. */
    private static String unreadable(RuntimeException e) {
        return Answer.REASON_MALFORMED + ": the answer could not be read (" + e.getClass().getName() + ")";
    }

    private HttpRequest.Builder get(String url) throws Unknown {
        return request(url).GET();
    }

    private HttpRequest.Builder request(String url) throws Unknown {
        String voucher;
        try {
            voucher = Objects.requireNonNull(token.get(), "the token supplier returned null");
        } catch (RuntimeException e) {
            throw new Unknown(Answer.REASON_UNAVAILABLE + ": no PDND voucher: " + Lookups.describe(e));
        }
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + voucher);
    }

    private record Response(int status, Optional<String> location, byte[] body) {}

    private Response send(HttpRequest.Builder request) throws Unknown {
        try {
            HttpResponse<InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    throw new Unknown(Answer.REASON_MALFORMED + ": response larger than " + MAX_BODY_BYTES + " bytes");
                }
                return new Response(r.statusCode(), r.headers().firstValue("Location"), body);
            }
        } catch (HttpTimeoutException e) {
            throw new Unknown(Answer.REASON_TIMEOUT + ": " + Lookups.describe(e));
        } catch (IOException e) {
            throw new Unknown(Answer.REASON_UNAVAILABLE + ": " + Lookups.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unknown(Answer.REASON_UNAVAILABLE + ": interrupted");
        }
    }

    /** A failure already phrased as an {@link Answer#reason()}. */
    private static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        Unknown(String reason) {
            super(reason, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "InadDirectory[" + base + "]";
    }

    /** Settings of an {@link InadDirectory}; {@link #build()} checks them. */
    public static final class Builder {
        private final URI baseUrl;
        private @Nullable Supplier<String> token;
        private String practicalReference = "pec4j";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration batchTimeout = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private @Nullable HttpClient http;

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = Optional.ofNullable(baseUrl.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
            }
        }

        /**
         * Supplies the PDND voucher sent as {@code Authorization: Bearer}; called for every request. Required.
         *
         * @param token the supplier of the voucher
         * @return this builder
         */
        public Builder tokenSupplier(Supplier<String> token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * The default {@code practicalReference} (the procedure the lookup is for); default {@code pec4j}.
         *
         * @param practicalReference the procedure name to send
         * @return the default {@code practicalReference} (the procedure the lookup is for); default {@code pec4j}
         */
        public Builder practicalReference(String practicalReference) {
            this.practicalReference = Checks.text(practicalReference, "practicalReference");
            return this;
        }

        /**
         * Connection timeout of the default HTTP client; default 5 s.
         *
         * @param timeout the connection timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Timeout of each request; default 10 s.
         *
         * @param timeout the request timeout
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Checks.positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * How long a batch is polled, on the clock, before its answers are {@code UNKNOWN} (pending); default 5 min.
         *
         * @param timeout how long a batch is polled
         * @return how long a batch is polled, on the clock, before its answers are {@code UNKNOWN} (pending); default
         *     5 min
         */
        public Builder batchTimeout(Duration timeout) {
            this.batchTimeout = Checks.positive(timeout, "batchTimeout");
            return this;
        }

        /**
         * The pause between two polls of a batch's state; default 5 s.
         *
         * @param interval the pause between two polls
         * @return the pause between two polls of a batch's state; default 5 s
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Checks.notNegative(interval, "pollInterval");
            return this;
        }

        /**
         * The clock of the batch deadline and of the answers' dates when INAD gives none; default system UTC.
         *
         * @param clock the clock to use
         * @return the clock of the batch deadline and of the answers' dates when INAD gives none; default system UTC
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The HTTP client (proxy, TLS settings for ModI); it should not follow redirects. Default: a
         * client with the connect timeout that never follows redirects.
         *
         * @param http the HTTP client to use
         * @return the HTTP client (proxy, TLS settings for ModI); it should not follow redirects
         */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Builds the directory.
         *
         * @return the INAD directory
         */
        public InadDirectory build() {
            if (token == null) {
                throw new IllegalStateException("a token supplier (PDND voucher) is required");
            }
            return new InadDirectory(this);
        }
    }
}
