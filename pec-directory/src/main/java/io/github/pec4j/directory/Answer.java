package io.github.pec4j.directory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A directory's answer to one question, with where it came from and how fresh it is.
 *
 * <p>{@link Outcome#UNKNOWN} is a legitimate answer: a directory that is unreachable, slow, not
 * configured or unable to answer this kind of question says so, and never turns that into
 * {@link Outcome#NOT_FOUND} (DIR-CHAIN-01). A {@code FOUND} answer with a {@link #reason()} is
 * <em>partial</em>: some provider that should have contributed could not (see {@link #isPartial()}).
 *
 * <p>A reason starts with one of the {@code REASON_*} prefixes, optionally followed by {@code ": "}
 * and details, so callers may branch on the prefix and log the rest.
 *
 * @param outcome found, not found or unknown
 * @param value the value, present exactly when the outcome is {@code FOUND}
 * @param source the id of the directory (or directories, joined by {@code +}) that answered
 * @param asOf when the data was current: the snapshot date for an offline snapshot, the server's
 *     check time or the response time for an online directory
 * @param reason why the answer is unknown (required then) or partial
 * @param <T> the type of the value
 */
public record Answer<T>(Outcome outcome, Optional<T> value, String source, Instant asOf, Optional<String> reason) {
    /** The directory does not answer this kind of question. */
    public static final String REASON_NOT_SUPPORTED = "not supported";
    /** The directory did not answer within its deadline. */
    public static final String REASON_TIMEOUT = "timeout";
    /** The directory could not be reached or answered with an error (HTTP status, I/O failure). */
    public static final String REASON_UNAVAILABLE = "unavailable";
    /** The directory answered with something that could not be understood. */
    public static final String REASON_MALFORMED = "malformed response";
    /** An asynchronous (batch) request was still pending when the caller stopped waiting. */
    public static final String REASON_PENDING = "pending";
    /** No directory in the chain speaks for a register that the question needs. */
    public static final String REASON_NO_PROVIDER = "no provider";
    /** The directory threw an exception. */
    public static final String REASON_FAILED = "failed";

    /** The three possible outcomes of a lookup. */
    public enum Outcome {
        /** The directory knows the answer; {@link Answer#value()} is present. */
        FOUND,
        /** The directory is authoritative for the question and has no entry. */
        NOT_FOUND,
        /** The directory could not tell; see {@link Answer#reason()}. */
        UNKNOWN
    }

    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param outcome found, not found or unknown
     * @param value the value, present exactly when the outcome is {@code FOUND}
     * @param source the id of the directory (or directories, joined by {@code +}) that answered
     * @param asOf when the data was current: the snapshot date for an offline snapshot, the server's check time or
     *     the response time for an online directory
     * @param reason why the answer is unknown (required then) or partial
     */
    public Answer {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(reason, "reason");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if ((outcome == Outcome.FOUND) != value.isPresent()) {
            throw new IllegalArgumentException("a value is present exactly when the outcome is FOUND: " + outcome);
        }
        if (outcome == Outcome.UNKNOWN && reason.isEmpty()) {
            throw new IllegalArgumentException("an UNKNOWN answer says why");
        }
        if (reason.isPresent() && reason.get().isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }

    /**
     * A positive answer.
     *
     * @param <T> the type of the value
     * @param source the id of the directory that answered
     * @param asOf when the directory's data was current
     * @param value what the directory says
     * @return a {@code FOUND} answer
     */
    public static <T> Answer<T> found(String source, Instant asOf, T value) {
        return new Answer<>(Outcome.FOUND, Optional.of(value), source, asOf, Optional.empty());
    }

    /**
     * A negative answer: the directory is sure it has nothing.
     *
     * @param <T> the type of the value
     * @param source the id of the directory that answered
     * @param asOf when the directory's data was current
     * @return a {@code NOT_FOUND} answer
     */
    public static <T> Answer<T> notFound(String source, Instant asOf) {
        return new Answer<>(Outcome.NOT_FOUND, Optional.empty(), source, asOf, Optional.empty());
    }

    /**
     * An unknown answer; {@code reason} should start with one of the {@code REASON_*} prefixes.
     *
     * @param <T> the type of the value
     * @param source the id of the directory (or directories, joined by {@code +}) that answered
     * @param asOf when the data was current: the snapshot date for an offline snapshot, the server's check time or
     *     the response time for an online directory
     * @param reason why the answer is unknown (required then) or partial
     * @return an unknown answer; {@code reason} should start with one of the {@code REASON_*} prefixes
     */
    public static <T> Answer<T> unknown(String source, Instant asOf, String reason) {
        return new Answer<>(Outcome.UNKNOWN, Optional.empty(), source, asOf, Optional.of(reason));
    }

    /**
     * The answer of a directory asked a question it cannot answer.
     *
     * @param <T> the type of the value
     * @param source the id of the directory (or directories, joined by {@code +}) that answered
     * @param asOf when the data was current: the snapshot date for an offline snapshot, the server's check time or
     *     the response time for an online directory
     * @return the answer of a directory asked a question it cannot answer
     */
    public static <T> Answer<T> notSupported(String source, Instant asOf) {
        return unknown(source, asOf, REASON_NOT_SUPPORTED);
    }

    /**
     * Whether the directory found a value.
     *
     * @return true for {@code FOUND}
     */
    public boolean isFound() {
        return outcome == Outcome.FOUND;
    }

    /**
     * Whether the directory is sure it has nothing.
     *
     * @return true for {@code NOT_FOUND}
     */
    public boolean isNotFound() {
        return outcome == Outcome.NOT_FOUND;
    }

    /**
     * Whether the directory could not answer.
     *
     * @return true for {@code UNKNOWN}
     */
    public boolean isUnknown() {
        return outcome == Outcome.UNKNOWN;
    }

    /**
     * A {@code FOUND} answer to which some needed provider could not contribute.
     *
     * @return a {@code FOUND} answer to which some needed provider could not contribute
     */
    public boolean isPartial() {
        return outcome == Outcome.FOUND && reason.isPresent();
    }

    /**
     * The same answer with its value transformed; outcome, source, date and reason are kept.
     *
     * @param <U> the type of the new value
     * @param mapper the function applied to a found value
     * @return the same answer with its value transformed; outcome, source, date and reason are kept
     */
    public <U> Answer<U> map(Function<? super T, ? extends U> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new Answer<>(outcome, value.map(mapper), source, asOf, reason);
    }

    /**
     * This answer with {@code why} as its reason: on a {@code FOUND} answer, marks it partial.
     *
     * @param why the reason to record
     * @return this answer with {@code why} as its reason: on a {@code FOUND} answer, marks it partial
     */
    public Answer<T> withReason(String why) {
        return new Answer<>(outcome, value, source, asOf, Optional.of(why));
    }
}
