package io.github.pec4j.signature.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A size-bounded, least-recently-used map, safe for concurrent use. A synchronized {@link LinkedHashMap}
 * in access order rather than a caching library: the verifiers keep a few hundred small entries, looked up
 * once or twice per message (thousands per second at most), so a lock held for a map operation costs
 * nothing measurable and no dependency is worth adding to the module. A capacity of 0 caches nothing.
 */
final class BoundedCache<K, V> {
    private final int capacity;
    private final LinkedHashMap<K, V> map;

    BoundedCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    /** The cached value, or null. */
    synchronized @Nullable V get(K key) {
        return map.get(key);
    }

    /** Caches {@code value} (evicting the least recently used entry past the capacity). */
    synchronized void put(K key, V value) {
        if (capacity > 0) {
            map.put(key, value);
        }
    }

    /**
     * The cached value, or the one {@code compute} makes, cached. Computed outside the lock, so two
     * threads may compute the same value once each: both are equal by construction.
     */
    V computeIfAbsent(K key, Function<K, V> compute) {
        V v = get(key);
        if (v == null) {
            v = compute.apply(key);
            put(key, v);
        }
        return v;
    }

    /** Forgets every entry. */
    synchronized void clear() {
        map.clear();
    }

    /** Number of entries (never above the capacity). */
    synchronized int size() {
        return map.size();
    }

    int capacity() {
        return capacity;
    }
}
