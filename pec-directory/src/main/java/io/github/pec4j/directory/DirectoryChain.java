package io.github.pec4j.directory;

import io.github.pec4j.directory.internal.AnswerCache;
import io.github.pec4j.directory.internal.Lookups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Directories chained in order (the offline IPA snapshot first), each asked with a deadline, their
 * answers cached for a while and combined (DIR-CHAIN-01).
 *
 * <ul>
 *   <li>{@link #ownerOf}: the first {@code FOUND} in chain order; {@code NOT_FOUND} only if every
 *       directory able to answer said {@code NOT_FOUND}; otherwise {@code UNKNOWN}.</li>
 *   <li>{@link #domicilesOf}: every directory able to answer is asked (concurrently); the {@code FOUND}
 *       lists are merged (each domicile keeps its source). {@code NOT_FOUND} only if every one answered
 *       {@code NOT_FOUND} <em>and</em> each {@linkplain Builder#require required register} (by default
 *       IPA, INI-PEC and INAD) was among them: a missing or failing INAD or INI-PEC adapter makes the
 *       answer {@code UNKNOWN}, never "no domicile". A {@code FOUND} answer to which such a directory
 *       could not contribute is {@linkplain Answer#isPartial() partial}.</li>
 *   <li>{@link #verify}: each directory's own {@link DomicileDirectory#verify} (INAD's verify
 *       operation, the others' derived one); {@code FOUND(true)} if any says so, else
 *       {@code UNKNOWN} if any could not tell or a required register is missing, else {@code FOUND(false)}
 *       if any says so, else {@code NOT_FOUND}.</li>
 * </ul>
 *
 * <p>A combined answer's {@link Answer#source()} joins the ids of the directories it rests on with
 * {@code +}, and its {@link Answer#asOf()} is the oldest of theirs. Its {@link Answer#reason()} lists
 * {@code <id>: <reason>} for each directory that could not answer, joined by {@code ; }.
 *
 * <p>Directories added with {@link Builder#add} run on the chain's threads with a deadline (an
 * overrun is {@code UNKNOWN} with {@link Answer#REASON_TIMEOUT}); their {@code FOUND} and
 * {@code NOT_FOUND} answers are cached for the TTL, read on the injected clock; {@code UNKNOWN} is
 * never cached. Directories added with {@link Builder#addLocal} (in-memory: {@link IpaDirectory},
 * {@link StaticDirectory}) are called on the caller's thread and never cached, so an IPA reload is seen at
 * once. Batch lookups ({@link #domicilesOfAll}) wait for directories with {@link Lookup#BATCH} as long
 * as their own timeouts allow. Close the chain to stop its threads.
 */
public final class DirectoryChain implements DomicileDirectory, AutoCloseable {
    /** The id of a chain. */
    public static final String ID = "chain";

    private enum Question {
        OWNER,
        DOMICILES,
        VERIFY
    }

    private record Provider(DomicileDirectory directory, Optional<Duration> timeout) {
        String id() {
            return directory.id();
        }

        boolean local() {
            return timeout.isEmpty();
        }

        boolean can(Lookup lookup) {
            return directory.capabilities().contains(lookup);
        }
    }

    private record Asked<T>(Provider provider, Answer<T> answer) {}

    private final List<Provider> providers;
    private final Set<DomicileRegister> required;
    private final Clock clock;
    private final AnswerCache cache;
    private final ExecutorService executor;
    private final boolean ownsExecutor;

    private DirectoryChain(Builder b) {
        this.providers = List.copyOf(b.providers);
        this.required = Set.copyOf(b.required);
        this.clock = b.clock;
        this.cache = new AnswerCache(b.cacheTtl, b.cacheSize, clock);
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : Executors.newCachedThreadPool(daemonThreads());
    }

    /**
     * Starts building a chain of directories.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * The ids of the directories, in chain order.
     *
     * @return the ids of the directories, in chain order
     */
    public List<String> directories() {
        return providers.stream().map(Provider::id).toList();
    }

    @Override
    public Set<Lookup> capabilities() {
        Set<Lookup> all = EnumSet.noneOf(Lookup.class);
        providers.forEach(p -> all.addAll(p.directory().capabilities()));
        return all;
    }

    @Override
    public Set<DomicileRegister> registers() {
        Set<DomicileRegister> all = EnumSet.noneOf(DomicileRegister.class);
        providers.forEach(p -> all.addAll(p.directory().registers()));
        return all;
    }

    @Override
    public Answer<AddressOwner> ownerOf(String address, LocalDate at) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(at, "at");
        String key = Lookups.normalize(address) + "@" + at;
        List<Asked<AddressOwner>> asked = new ArrayList<>();
        for (Provider p : providers) {
            if (!p.can(Lookup.OWNER_BY_ADDRESS)) {
                continue;
            }
            Answer<AddressOwner> a = ask(p, Question.OWNER, key, () -> p.directory().ownerOf(address, at));
            if (a.isFound()) {
                return a;
            }
            asked.add(new Asked<>(p, a));
        }
        if (asked.isEmpty()) {
            return Answer.unknown(ID, clock.instant(), Answer.REASON_NO_PROVIDER + ": no directory answers owner lookups");
        }
        List<String> unknown = reasons(asked);
        return unknown.isEmpty()
                ? Answer.notFound(sources(asked), oldest(asked))
                : Answer.unknown(sources(asked), clock.instant(), String.join("; ", unknown));
    }

    @Override
    public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
        Objects.requireNonNull(taxCode, "taxCode");
        Objects.requireNonNull(at, "at");
        String key = Lookups.normalizeTaxCode(taxCode) + "@" + at;
        List<Asked<List<Domicile>>> asked = askAll(Lookup.DOMICILES_BY_TAX_CODE, Question.DOMICILES, key,
                p -> p.directory().domicilesOf(taxCode, at));
        return mergeDomiciles(asked);
    }

    @Override
    public Answer<Boolean> verify(String taxCode, String address, LocalDate at) {
        Objects.requireNonNull(taxCode, "taxCode");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(at, "at");
        String key = Lookups.normalizeTaxCode(taxCode) + "|" + Lookups.normalize(address) + "@" + at;
        List<Asked<Boolean>> asked = new ArrayList<>();
        for (Asked<Boolean> a : askAll(null, Question.VERIFY, key, p -> p.directory().verify(taxCode, address, at))) {
            asked.add(a);
            if (a.answer().isFound() && a.answer().value().orElseThrow()) {
                return a.answer();
            }
        }
        List<String> problems = problems(asked);
        if (asked.isEmpty()) {
            return Answer.unknown(ID, clock.instant(), Answer.REASON_NO_PROVIDER + ": no directory answers domicile lookups");
        }
        if (!problems.isEmpty()) {
            return Answer.unknown(sources(asked), clock.instant(), String.join("; ", problems));
        }
        List<Asked<Boolean>> negative = asked.stream().filter(a -> a.answer().isFound()).toList();
        return negative.isEmpty() ? Answer.notFound(sources(asked), oldest(asked)) : Answer.found(sources(negative), oldest(negative), false);
    }

    /**
     * {@link #domicilesOf} for many codici fiscali: directories with {@link Lookup#BATCH} get one bulk
     * request for the codici fiscali not in the cache, the others are asked one by one with their
     * deadline; the answers are combined per codice fiscale as {@link #domicilesOf} does.
     */
    @Override
    public Map<String, Answer<List<Domicile>>> domicilesOfAll(Collection<String> taxCodes, LocalDate at) {
        Objects.requireNonNull(at, "at");
        List<String> distinct = List.copyOf(new LinkedHashSet<>(taxCodes));
        Map<String, List<Asked<List<Domicile>>>> perCf = new LinkedHashMap<>();
        distinct.forEach(cf -> perCf.put(cf, new ArrayList<>()));
        List<Future<Map<String, Answer<List<Domicile>>>>> batches = new ArrayList<>();
        List<Provider> batchProviders = new ArrayList<>();
        List<List<String>> batchAsked = new ArrayList<>();
        for (Provider p : providers) {
            if (!p.can(Lookup.DOMICILES_BY_TAX_CODE)) {
                continue;
            }
            if (p.can(Lookup.BATCH) && !p.local()) {
                List<String> missing = new ArrayList<>();
                for (String cf : distinct) {
                    Optional<Answer<List<Domicile>>> cached = cache.get(p.id(), Question.DOMICILES.name(), Lookups.normalizeTaxCode(cf) + "@" + at);
                    cached.ifPresentOrElse(a -> perCf.get(cf).add(new Asked<>(p, a)), () -> missing.add(cf));
                }
                if (!missing.isEmpty()) {
                    batchProviders.add(p);
                    batchAsked.add(missing);
                    batches.add(submit(() -> p.directory().domicilesOfAll(missing, at)));
                }
            }
        }
        for (Provider p : providers) {
            if (p.can(Lookup.DOMICILES_BY_TAX_CODE) && !(p.can(Lookup.BATCH) && !p.local())) {
                for (String cf : distinct) {
                    String key = Lookups.normalizeTaxCode(cf) + "@" + at;
                    perCf.get(cf).add(new Asked<>(p, ask(p, Question.DOMICILES, key, () -> p.directory().domicilesOf(cf, at))));
                }
            }
        }
        for (int i = 0; i < batches.size(); i++) {
            Provider p = batchProviders.get(i);
            String[] failure = {Answer.REASON_FAILED + ": the batch gave no answer"};
            Map<String, Answer<List<Domicile>>> result = await(batches.get(i), Optional.empty(), reason -> {
                failure[0] = reason;
                return Map.of();
            });
            Instant now = clock.instant();
            for (String cf : batchAsked.get(i)) {
                Answer<List<Domicile>> a = result == null ? null : result.get(cf);
                if (a == null) {
                    a = Answer.unknown(p.id(), now, failure[0]);
                }
                perCf.get(cf).add(new Asked<>(p, a));
                cache.put(p.id(), Question.DOMICILES.name(), Lookups.normalizeTaxCode(cf) + "@" + at, a);
            }
        }
        Map<String, Answer<List<Domicile>>> answers = new LinkedHashMap<>();
        perCf.forEach((cf, asked) -> answers.put(cf, mergeDomiciles(asked)));
        return answers;
    }

    private Answer<List<Domicile>> mergeDomiciles(List<Asked<List<Domicile>>> asked) {
        if (asked.isEmpty()) {
            return Answer.unknown(ID, clock.instant(), Answer.REASON_NO_PROVIDER + ": no directory answers domicile lookups");
        }
        List<Asked<List<Domicile>>> found = asked.stream().filter(a -> a.answer().isFound()).toList();
        List<String> problems = problems(asked);
        if (!found.isEmpty()) {
            List<Domicile> merged = found.stream().flatMap(a -> a.answer().value().orElseThrow().stream()).distinct().toList();
            Answer<List<Domicile>> answer = Answer.found(sources(found), oldest(found), merged);
            return problems.isEmpty() ? answer : answer.withReason(String.join("; ", problems));
        }
        return problems.isEmpty()
                ? Answer.notFound(sources(asked), oldest(asked))
                : Answer.unknown(sources(asked), clock.instant(), String.join("; ", problems));
    }

    /**
     * The unknown answers' reasons, then each required register that no directory asked speaks for
     * (a register whose directories all answered UNKNOWN is already explained by their reasons).
     */
    private <T> List<String> problems(List<Asked<T>> asked) {
        List<String> problems = reasons(asked);
        Set<DomicileRegister> asks = EnumSet.noneOf(DomicileRegister.class);
        asked.forEach(a -> asks.addAll(a.provider().directory().registers()));
        for (DomicileRegister r : required) {
            if (!asks.contains(r)) {
                problems.add(ID + ": " + Answer.REASON_NO_PROVIDER + " for " + r);
            }
        }
        return problems;
    }

    private static <T> List<String> reasons(List<Asked<T>> asked) {
        return asked.stream()
                .filter(a -> a.answer().isUnknown())
                .map(a -> a.provider().id() + ": " + a.answer().reason().orElseThrow())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static <T> String sources(List<Asked<T>> asked) {
        return asked.stream().map(a -> a.answer().source()).distinct().collect(Collectors.joining("+"));
    }

    private static <T> Instant oldest(List<Asked<T>> asked) {
        return asked.stream().map(a -> a.answer().asOf()).min(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * Asks every provider able to answer ({@code lookup}, or any domicile lookup when null):
     * remote ones concurrently, local ones on this thread, each remote one within its deadline.
     */
    private <T> List<Asked<T>> askAll(Lookup lookup, Question question, String key, Function<Provider, Answer<T>> call) {
        List<Provider> able = providers.stream()
                .filter(p -> lookup == null ? p.can(Lookup.DOMICILES_BY_TAX_CODE) || p.can(Lookup.VERIFY_AT_DATE) : p.can(lookup))
                .toList();
        Map<Provider, Future<Answer<T>>> running = new LinkedHashMap<>();
        Map<Provider, Answer<T>> done = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (Provider p : able) {
            if (p.local()) {
                continue;
            }
            Optional<Answer<T>> cached = cache.get(p.id(), question.name(), key);
            if (cached.isPresent()) {
                done.put(p, cached.get());
            } else {
                running.put(p, submit(() -> call.apply(p)));
            }
        }
        for (Provider p : able) {
            if (p.local()) {
                done.put(p, guarded(p, () -> call.apply(p)));
            }
        }
        running.forEach((p, f) -> {
            Duration left = p.timeout().orElseThrow().minusNanos(System.nanoTime() - start);
            Answer<T> a = await(p, f, Optional.of(left.isNegative() ? Duration.ZERO : left));
            cache.put(p.id(), question.name(), key, a);
            done.put(p, a);
        });
        List<Asked<T>> asked = new ArrayList<>();
        for (Provider p : able) {
            asked.add(new Asked<>(p, done.get(p)));
        }
        return asked;
    }

    /** One provider, one question: the cache, else the call on the executor with the provider's deadline. */
    private <T> Answer<T> ask(Provider p, Question question, String key, Callable<Answer<T>> call) {
        if (p.local()) {
            return guarded(p, call);
        }
        Optional<Answer<T>> cached = cache.get(p.id(), question.name(), key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Answer<T> a = await(p, submit(call), p.timeout());
        cache.put(p.id(), question.name(), key, a);
        return a;
    }

    private <V> Future<V> submit(Callable<V> task) {
        try {
            return executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the chain is closed", e);
        }
    }

    private <T> Answer<T> guarded(Provider p, Callable<Answer<T>> call) {
        try {
            return checked(p, call.call());
        } catch (Exception e) {
            return Answer.unknown(p.id(), clock.instant(), Answer.REASON_FAILED + ": " + Lookups.describe(e));
        }
    }

    private <T> Answer<T> await(Provider p, Future<Answer<T>> future, Optional<Duration> timeout) {
        return checked(p, await(future, timeout, reason -> Answer.unknown(p.id(), clock.instant(), reason)));
    }

    /** The future's value, or {@code onFailure} of a reason if it fails, times out or is interrupted. */
    private static <V> V await(Future<V> future, Optional<Duration> timeout, Function<String, V> onFailure) {
        try {
            return timeout.isPresent() ? future.get(timeout.get().toNanos(), TimeUnit.NANOSECONDS) : future.get();
        } catch (TimeoutException e) {
            future.cancel(true);
            return onFailure.apply(Answer.REASON_TIMEOUT + ": no answer within " + timeout.orElseThrow());
        } catch (ExecutionException e) {
            return onFailure.apply(Answer.REASON_FAILED + ": " + Lookups.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return onFailure.apply(Answer.REASON_UNAVAILABLE + ": interrupted");
        }
    }

    private <T> Answer<T> checked(Provider p, @Nullable Answer<T> a) {
        return a != null ? a : Answer.unknown(p.id(), clock.instant(), Answer.REASON_FAILED + ": the directory returned null");
    }

    /** Stops the chain's own threads (not an executor given to the builder); remote lookups then throw {@link IllegalStateException}. */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "DirectoryChain" + directories();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pec4j-directory-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Settings of a {@link DirectoryChain}. */
    public static final class Builder {
        private final List<Provider> providers = new ArrayList<>();
        private final Set<DomicileRegister> required = EnumSet.allOf(DomicileRegister.class);
        private Duration timeout = Duration.ofSeconds(5);
        private Duration cacheTtl = Duration.ofMinutes(10);
        private int cacheSize = 10_000;
        private Clock clock = Clock.systemUTC();
        private @Nullable ExecutorService executor;

        private Builder() {}

        /**
         * A remote directory (INAD, INI-PEC), asked with the default timeout and cached.
         *
         * @param directory the directory to ask
         * @return a remote directory (INAD, INI-PEC), asked with the default timeout and cached
         */
        public Builder add(DomicileDirectory directory) {
            return add(directory, timeout);
        }

        /**
         * A remote directory asked with its own timeout.
         *
         * @param directory the directory to ask
         * @param timeout how long to wait for its answer
         * @return a remote directory asked with its own timeout
         */
        public Builder add(DomicileDirectory directory, Duration timeout) {
            return provider(new Provider(Objects.requireNonNull(directory, "directory"), Optional.of(Checks.positive(timeout, "timeout"))));
        }

        /**
         * An in-memory directory (IPA snapshot, static table): asked on the caller's thread, never cached.
         *
         * @param directory the directory to ask
         * @return an in-memory directory (IPA snapshot, static table): asked on the caller's thread, never cached
         */
        public Builder addLocal(DomicileDirectory directory) {
            return provider(new Provider(Objects.requireNonNull(directory, "directory"), Optional.empty()));
        }

        private Builder provider(Provider p) {
            if (providers.stream().anyMatch(q -> q.id().equals(p.id()))) {
                throw new IllegalArgumentException("two directories with id " + p.id());
            }
            providers.add(p);
            return this;
        }

        /**
         * The timeout of directories added later with {@link #add(DomicileDirectory)}; default 5 s.
         *
         * @param timeout how long to wait for each remote directory
         * @return the timeout of directories added later with {@link #add(DomicileDirectory)}; default 5 s
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * The registers that must each have answered before the chain says a codice fiscale has no
         * domicile; default all three (CAD art. 3-bis c.4-quinquies). Narrow it only where a register
         * cannot apply (say, INAD for a chain that only ever sees firms).
         *
         * @param registers the registers that must have answered
         * @return this builder
         */
        public Builder require(DomicileRegister... registers) {
            required.clear();
            for (DomicileRegister r : registers) {
                required.add(Objects.requireNonNull(r, "register"));
            }
            return this;
        }

        /**
         * How long FOUND and NOT_FOUND answers of remote directories are reused; default 10 min, zero disables.
         *
         * @param ttl how long an answer is reused
         * @return how long FOUND and NOT_FOUND answers of remote directories are reused; default 10 min, zero
         *     disables
         */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = Checks.notNegative(ttl, "ttl");
            return this;
        }

        /**
         * The most answers cached (least recently used evicted); default 10,000.
         *
         * @param entries the largest number of answers kept
         * @return the most answers cached (least recently used evicted); default 10,000
         */
        public Builder cacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cache size must not be negative");
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * The clock of the cache TTL and of the chain's own answers; default system UTC.
         *
         * @param clock the clock to use
         * @return the clock of the cache TTL and of the chain's own answers; default system UTC
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Threads for remote lookups (not shut down by {@link DirectoryChain#close()}); default a cached pool of daemons.
         *
         * @param executor the threads to use
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Builds the chain.
         *
         * @return the chain, which the caller closes
         */
        public DirectoryChain build() {
            if (providers.isEmpty()) {
                throw new IllegalStateException("a chain needs at least one directory");
            }
            return new DirectoryChain(this);
        }
    }
}
