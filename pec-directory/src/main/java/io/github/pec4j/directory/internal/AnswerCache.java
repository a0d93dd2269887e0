package io.github.pec4j.directory.internal;

import io.github.pec4j.directory.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded cache of directory answers with a time to live read on an injected clock. Only
 * {@code FOUND} and {@code NOT_FOUND} answers are kept: an {@code UNKNOWN} is asked again next time.
 * Least recently used entries go first. Thread-safe (one lock; lookups are short).
 */
public final class AnswerCache {
    private record Key(String directory, String question, String subject) {}

    private record Entry(Answer<?> answer, Instant expires) {}

    private final Duration ttl;
    private final Clock clock;
    private final Map<Key, Entry> entries;

    public AnswerCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private boolean disabled() {
        return ttl.isZero();
    }

    /** The cached answer of {@code directory} to {@code question} about {@code subject}, if still fresh. */
    @SuppressWarnings("unchecked")
    public <T> Optional<Answer<T>> get(String directory, String question, String subject) {
        if (disabled()) {
            return Optional.empty();
        }
        Key key = new Key(directory, question, subject);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(e.expires())) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of((Answer<T>) e.answer());
        }
    }

    /** Keeps {@code answer} for the TTL, unless it is {@code UNKNOWN}. */
    public void put(String directory, String question, String subject, Answer<?> answer) {
        if (disabled() || answer.isUnknown()) {
            return;
        }
        Entry e = new Entry(answer, clock.instant().plus(ttl));
        synchronized (entries) {
            entries.put(new Key(directory, question, subject), e);
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
