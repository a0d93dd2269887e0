package io.github.pec4j.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.signature.Trust;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The remembered certificate paths of a trust store give the answers PKIX gives without them. */
class TrustMaterialCacheTest {
    private static final ShortLivedPki PKI = new ShortLivedPki("Cache Test CA", at("2020-01-01T00:00:00Z"), at("2040-01-01T00:00:00Z"));
    private static final ShortLivedPki OTHER = new ShortLivedPki("Other Test CA", at("2020-01-01T00:00:00Z"), at("2040-01-01T00:00:00Z"));
    private static final KeyPair KEYS = ShortLivedPki.keys("EC");
    /** Valid during 2024 only. */
    private static final X509Certificate LEAF = PKI.issue("Provider 2024", KEYS.getPublic(), at("2024-01-01T00:00:00Z"),
            at("2025-01-01T00:00:00Z"));
    /** Valid past the end of its CA. */
    private static final X509Certificate OUTLIVING = PKI.issue("Provider 2030", KEYS.getPublic(), at("2030-01-01T00:00:00Z"),
            at("2050-01-01T00:00:00Z"));

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    private static TrustMaterial material(int cacheEntries, X509Certificate... cas) {
        return TrustMaterial.of(List.of(cas), List.of(), List.of(), cacheEntries);
    }

    @Test
    @Tag("SIG-CACHE-01")
    @DisplayName("SIG-CACHE-01 a certificate is judged at each signature's own time, in any order, exactly as without the cache")
    void judgedAtItsOwnTime() {
        List<Instant> times = List.of(at("2023-12-31T23:59:59.999Z"), at("2024-01-01T00:00:00Z"), at("2024-06-01T10:00:00Z"),
                at("2025-01-01T00:00:00Z"), at("2025-01-01T00:00:00.000500Z"), at("2025-01-01T00:00:00.001Z"), at("2026-06-01T10:00:00Z"));
        List<Trust> expected = List.of(Trust.UNTRUSTED, Trust.TRUSTED, Trust.TRUSTED, Trust.TRUSTED, Trust.TRUSTED, Trust.UNTRUSTED,
                Trust.UNTRUSTED);
        TrustMaterial uncached = material(0, PKI.ca);
        for (int i = 0; i < times.size(); i++) {
            assertThat(uncached.evaluate(LEAF, List.of(LEAF), times.get(i))).as(times.get(i).toString()).isEqualTo(expected.get(i));
        }
        TrustMaterial warm = material(TrustMaterial.PATH_CACHE_ENTRIES, PKI.ca);
        Random random = new Random(15);
        for (int round = 0; round < 6; round++) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
            if (round == 1) {
                Collections.reverse(order);
            } else if (round > 1) {
                Collections.shuffle(order, random);
            }
            TrustMaterial fresh = material(TrustMaterial.PATH_CACHE_ENTRIES, PKI.ca);
            for (int i : order) {
                assertThat(fresh.evaluate(LEAF, List.of(LEAF), times.get(i))).as(order + " " + times.get(i)).isEqualTo(expected.get(i));
                assertThat(warm.evaluate(LEAF, List.of(LEAF), times.get(i))).as(order + " " + times.get(i)).isEqualTo(expected.get(i));
            }
        }
        // Past the anchor's own end: whatever PKIX says without the cache, it says with it.
        for (Instant t : List.of(at("2035-01-01T00:00:00Z"), at("2045-01-01T00:00:00Z"), at("2035-01-01T00:00:00Z"))) {
            assertThat(warm.evaluate(OUTLIVING, List.of(), t)).as(t.toString()).isEqualTo(uncached.evaluate(OUTLIVING, List.of(), t));
        }
    }

    @Test
    @Tag("SIG-CACHE-02")
    @DisplayName("SIG-CACHE-02 a path remembered by one trust store never answers for another")
    void neverAcrossTrustStores() {
        X509Certificate otherLeaf = OTHER.issue("Provider of the other CA", KEYS.getPublic(), at("2024-01-01T00:00:00Z"),
                at("2030-01-01T00:00:00Z"));
        TrustMaterial mine = material(TrustMaterial.PATH_CACHE_ENTRIES, PKI.ca);
        TrustMaterial theirs = material(TrustMaterial.PATH_CACHE_ENTRIES, OTHER.ca);
        TrustMaterial both = material(TrustMaterial.PATH_CACHE_ENTRIES, OTHER.ca, PKI.ca);
        Instant t = at("2024-06-01T10:00:00Z");
        for (int round = 0; round < 3; round++) {
            assertThat(mine.evaluate(LEAF, List.of(LEAF), t)).isEqualTo(Trust.TRUSTED);
            assertThat(theirs.evaluate(LEAF, List.of(LEAF), t)).isEqualTo(Trust.UNTRUSTED);
            assertThat(both.evaluate(LEAF, List.of(LEAF), t)).isEqualTo(Trust.TRUSTED);
            assertThat(theirs.evaluate(otherLeaf, List.of(), t)).isEqualTo(Trust.TRUSTED);
            assertThat(mine.evaluate(otherLeaf, List.of(), t)).isEqualTo(Trust.UNTRUSTED);
            assertThat(both.evaluate(otherLeaf, List.of(), t)).isEqualTo(Trust.TRUSTED);
        }
        // The other CA's certificate carried in the signature does not make it an anchor, cached or not.
        assertThat(mine.evaluate(otherLeaf, List.of(OTHER.ca), t)).isEqualTo(Trust.UNTRUSTED);
    }

    @Test
    @Tag("SIG-CACHE-03")
    @DisplayName("SIG-CACHE-03 the caches stay within their bound, least recently used out, also under concurrent use")
    void bounded() throws Exception {
        BoundedCache<Integer, String> lru = new BoundedCache<>(3);
        for (int i = 1; i <= 3; i++) {
            lru.put(i, "v" + i);
        }
        assertThat(lru.get(1)).isEqualTo("v1"); // 2 is now the least recently used
        lru.put(4, "v4");
        assertThat(lru.size()).isEqualTo(3);
        assertThat(lru.get(2)).isNull();
        assertThat(lru.get(1)).isEqualTo("v1");
        BoundedCache<Integer, String> none = new BoundedCache<>(0);
        none.put(1, "v1");
        assertThat(none.size()).isZero();
        assertThat(none.get(1)).isNull();

        List<X509Certificate> leaves = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leaves.add(PKI.issue("Provider " + i, KEYS.getPublic(), at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z")));
        }
        TrustMaterial small = material(4, PKI.ca);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 4; task++) {
                int seed = task;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    boolean right = true;
                    for (int i = 0; i < 60; i++) {
                        X509Certificate leaf = leaves.get(random.nextInt(leaves.size()));
                        boolean inside = random.nextBoolean();
                        Trust t = small.evaluate(leaf, List.of(), inside ? at("2024-06-01T00:00:00Z") : at("2026-06-01T00:00:00Z"));
                        right &= t == (inside ? Trust.TRUSTED : Trust.UNTRUSTED);
                        right &= small.cachedPaths() <= 4;
                    }
                    return right;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(small.cachedPaths()).isEqualTo(4);
        assertThat(DecodedCertificates.size()).isLessThanOrEqualTo(DecodedCertificates.ENTRIES);
    }

    @Test
    @DisplayName("SIG-CACHE-01 a remembered path is never used across a denyAfter date of the JDK's algorithm constraints")
    void denyAfter() {
        assertThat(TrustMaterial.denyAfterDates("MD5, SHA1 usage SignedJAR & denyAfter 2019-01-01, RSA keySize < 1024"))
                .containsExactly(at("2019-01-01T00:00:00Z"));
        assertThat(TrustMaterial.denyAfterDates(null)).isEmpty();
        assertThat(TrustMaterial.denyAfterDates("SHA1 denyAfter 2019-02-30")).isEmpty();
        // Whatever the JDK's own constraints, a window never reaches past its certificates.
        TrustMaterial.Window w = TrustMaterial.window(List.of(LEAF, PKI.ca), at("2024-06-01T00:00:00Z"));
        assertThat(w.contains(at("2024-06-01T00:00:00Z"))).isTrue();
        assertThat(w.contains(at("2025-01-01T00:00:00.001Z"))).isFalse();
        assertThat(w.contains(at("2023-12-31T23:59:59.999Z"))).isFalse();
    }
}
