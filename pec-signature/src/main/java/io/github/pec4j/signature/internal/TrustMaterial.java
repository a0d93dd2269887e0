package io.github.pec4j.signature.internal;

import io.github.pec4j.signature.Trust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Security;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The parsed trust sources and the trust decision. Immutable apart from its cache of validated certificate
 * paths, which belongs to this instance (so to one {@code TrustStore}: nothing is shared between trust stores).
 */
public final class TrustMaterial {
    /**
     * Distinct (signer, certificates in the signature) pairs whose path is remembered: a PEC box hears from
     * the hundred-odd providers of the AgID index, each signing with one or two certificates at a time.
     */
    static final int PATH_CACHE_ENTRIES = 512;
    /** Dates after which the JDK's certificate-path algorithm constraints change their answer. */
    private static final List<Instant> DENY_AFTER = denyAfterDates(Security.getProperty("jdk.certpath.disabledAlgorithms"));

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final Set<X509Certificate> providers;
    private final Set<String> fingerprints;
    /** The configured CRLs that a configured CA signed; the others are never consulted. */
    private final List<java.security.cert.X509CRL> crls;
    private final BoundedCache<ByteBuffer, Window> paths;

    private TrustMaterial(Set<TrustAnchor> anchors, List<X509Certificate> intermediates, Set<X509Certificate> providers,
            Set<String> fingerprints, List<java.security.cert.X509CRL> crls, int pathCacheEntries) {
        this.anchors = anchors;
        this.intermediates = intermediates;
        this.providers = providers;
        this.fingerprints = fingerprints;
        this.crls = crls.stream().filter(crl -> signedByKnownIssuer(crl, intermediates)).toList();
        this.paths = new BoundedCache<>(pathCacheEntries);
    }

    public static TrustMaterial empty() {
        return new TrustMaterial(Set.of(), List.of(), Set.of(), Set.of(), List.of(), 0);
    }

    /**
     * The instants during which a validated path stays valid: the common validity of its certificates and
     * of its anchor, cut a day short of any {@code denyAfter} date of the JDK's algorithm constraints. Within
     * it PKIX gives the same answer at any instant, since revocation is off and nothing else it checks
     * depends on the date.
     */
    record Window(Instant from, Instant to) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }

    /** Whether a CA among {@code cas} signed {@code crl}: a CRL nobody trusted signed is ignored. */
    private static boolean signedByKnownIssuer(java.security.cert.X509CRL crl, List<X509Certificate> cas) {
        for (X509Certificate ca : cas) {
            if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(ca.getPublicKey());
                    return true;
                } catch (GeneralSecurityException e) {
                    // another key with the same name
                }
            }
        }
        return false;
    }

    /** The revocation date of a certificate in a configured CRL signed by its issuer (among the CAs). */
    public java.util.Optional<Instant> revocation(X509Certificate c) {
        for (java.security.cert.X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(c.getIssuerX500Principal())) {
                continue;
            }
            java.security.cert.X509CRLEntry entry = crl.getRevokedCertificate(c);
            if (entry != null) {
                return java.util.Optional.of(entry.getRevocationDate().toInstant());
            }
        }
        return java.util.Optional.empty();
    }

    public static java.security.cert.X509CRL readCrl(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("not a CRL: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** CA certificates become anchors (and intermediates), end-entity certificates listed providers. */
    public static TrustMaterial of(List<X509Certificate> certificates, List<String> fingerprints,
            List<java.security.cert.X509CRL> crls) {
        return of(certificates, fingerprints, crls, PATH_CACHE_ENTRIES);
    }

    /** As {@link #of(List, List, List)}, remembering at most {@code pathCacheEntries} validated paths (0: none). */
    static TrustMaterial of(List<X509Certificate> certificates, List<String> fingerprints,
            List<java.security.cert.X509CRL> crls, int pathCacheEntries) {
        Set<TrustAnchor> anchors = new HashSet<>();
        List<X509Certificate> cas = new ArrayList<>();
        Set<X509Certificate> providers = new HashSet<>();
        for (X509Certificate c : certificates) {
            if (c.getBasicConstraints() >= 0) {
                anchors.add(new TrustAnchor(c, null));
                cas.add(c);
            } else {
                providers.add(c);
            }
        }
        return new TrustMaterial(Set.copyOf(anchors), List.copyOf(cas), Set.copyOf(providers), Set.copyOf(fingerprints),
                List.copyOf(crls), pathCacheEntries);
    }

    public boolean isEmpty() {
        return anchors.isEmpty() && providers.isEmpty() && fingerprints.isEmpty();
    }

    public int anchorCount() {
        return anchors.size();
    }

    public int providerCount() {
        return providers.size() + fingerprints.size();
    }

    /** Number of validated paths remembered (never above {@link #PATH_CACHE_ENTRIES}). */
    int cachedPaths() {
        return paths.size();
    }

    public Trust evaluate(X509Certificate signer, Collection<X509Certificate> extra, Instant time) {
        if (isEmpty()) {
            return Trust.UNKNOWN;
        }
        if (providers.contains(signer) || !fingerprints.isEmpty() && (fingerprints.contains(fingerprint(signer, "SHA-256"))
                || fingerprints.contains(fingerprint(signer, "SHA-1")))) {
            return Trust.TRUSTED;
        }
        if (anchors.isEmpty()) {
            return Trust.UNTRUSTED;
        }
        Instant at = Date.from(time).toInstant(); // PKIX judges at the millisecond
        ByteBuffer key = pathKey(signer, extra);
        Window known = key == null ? null : paths.get(key);
        if (known != null && known.contains(at)) {
            return Trust.TRUSTED;
        }
        Window built = build(signer, extra, at);
        if (built == null) {
            return Trust.UNTRUSTED; // not remembered: only a path found is
        }
        if (key != null) {
            paths.put(key, built);
        }
        return Trust.TRUSTED;
    }

    /** A PKIX path from {@code signer} to an anchor at {@code at}, as the window of its validity; null when none. */
    private @Nullable Window build(X509Certificate signer, Collection<X509Certificate> extra, Instant at) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false); // offline by default: no CRL or OCSP fetch
            params.setDate(Date.from(at));
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.addAll(extra);
            pool.add(signer);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            for (Certificate c : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            if (result.getTrustAnchor().getTrustedCert() != null) {
                path.add(result.getTrustAnchor().getTrustedCert());
            }
            return window(path, at);
        } catch (GeneralSecurityException | ClassCastException e) {
            return null;
        }
    }

    /** The common validity of {@code path}, cut a day short of every denyAfter date on either side of {@code at}. */
    static Window window(List<X509Certificate> path, Instant at) {
        Instant from = Instant.MIN;
        Instant to = Instant.MAX;
        for (X509Certificate c : path) {
            Instant nb = c.getNotBefore().toInstant();
            Instant na = c.getNotAfter().toInstant();
            from = nb.isAfter(from) ? nb : from;
            to = na.isBefore(to) ? na : to;
        }
        for (Instant d : DENY_AFTER) {
            Instant dayBefore = d.minus(Duration.ofDays(1));
            Instant dayAfter = d.plus(Duration.ofDays(1));
            if (at.isBefore(dayBefore)) {
                to = dayBefore.isBefore(to) ? dayBefore : to;
            } else if (at.isAfter(dayAfter)) {
                from = dayAfter.isAfter(from) ? dayAfter : from;
            } else {
                return new Window(Instant.MAX, Instant.MIN); // too near: judged afresh every time
            }
        }
        return new Window(from, to);
    }

    /** The {@code denyAfter YYYY-MM-DD} dates of a {@code jdk.certpath.disabledAlgorithms} value, at 00:00 UTC. */
    static List<Instant> denyAfterDates(@Nullable String constraints) {
        List<Instant> out = new ArrayList<>();
        if (constraints != null) {
            Matcher m = Pattern.compile("denyAfter\\s+(\\d{4})-(\\d{1,2})-(\\d{1,2})").matcher(constraints);
            while (m.find()) {
                try {
                    out.add(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                            .atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (java.time.DateTimeException e) {
                    // the JDK rejects such a value too
                }
            }
        }
        return List.copyOf(out);
    }

    /** SHA-256 of the signer and of the certificates in the signature, in order; null when one cannot be encoded. */
    private static @Nullable ByteBuffer pathKey(X509Certificate signer, Collection<X509Certificate> extra) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, signer.getEncoded());
            for (X509Certificate c : extra) {
                update(md, c.getEncoded());
            }
            return ByteBuffer.wrap(md.digest());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static void update(MessageDigest md, byte[] der) {
        md.update(ByteBuffer.allocate(4).putInt(der.length).array());
        md.update(der);
    }

    public static String fingerprint(X509Certificate c, String algorithm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "";
        }
    }

    public static String normaliseFingerprint(String value) {
        String v = value.trim().replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (v.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            return v;
        }
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(value.trim()));
        } catch (IllegalArgumentException e) {
            return v;
        }
    }

    /** Certificates of a PEM (one or many) or DER file, or of the certificate files of a directory. */
    public static List<X509Certificate> readCertificates(Path path) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer") || n.endsWith(".der")) {
                        out.addAll(readCertificates(f));
                    }
                }
            }
            return out;
        }
        try (InputStream in = Files.newInputStream(path)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("not a certificate file: " + path + " (" + e.getMessage() + ")", e);
        }
        return out;
    }

    public static List<X509Certificate> readKeyStore(Path file, char[] password) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        IOException last = null;
        for (String type : List.of("PKCS12", "JKS")) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password);
                for (String alias : java.util.Collections.list(ks.aliases())) {
                    Certificate c = ks.getCertificate(alias);
                    if (c instanceof X509Certificate x) {
                        out.add(x);
                    }
                }
                return out;
            } catch (GeneralSecurityException | IOException e) {
                last = new IOException("cannot read keystore " + file + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    /** What an LDIF export of the providers' index yields. */
    public record Ldif(List<X509Certificate> certificates, List<String> fingerprints) {}

    /**
     * Reads {@code providerCertificate} (DER, base64 with {@code ::}) and {@code providerCertificateHash}
     * attributes, whatever their case and options ({@code ;binary}); folded lines are joined.
     */
    public static Ldif readLdif(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(" ") && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
            } else {
                lines.add(line);
            }
        }
        List<X509Certificate> certs = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            int semi = name.indexOf(';');
            if (semi > 0) {
                name = name.substring(0, semi);
            }
            boolean b64 = colon + 1 < line.length() && line.charAt(colon + 1) == ':';
            String value = line.substring(colon + (b64 ? 2 : 1)).trim();
            if (name.equals("providercertificate")) {
                try {
                    byte[] der = b64 ? Base64.getMimeDecoder().decode(value) : value.getBytes(StandardCharsets.US_ASCII);
                    certs.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
                } catch (IllegalArgumentException | java.security.cert.CertificateException e) {
                    throw new IOException("bad providerCertificate in " + file + ": " + e.getMessage(), e);
                }
            } else if (name.equals("providercertificatehash")) {
                String v = b64 ? new String(Base64.getMimeDecoder().decode(value), StandardCharsets.US_ASCII) : value;
                int hash = v.indexOf('#'); // "SHA1#hex" forms
                hashes.add(normaliseFingerprint(hash >= 0 ? v.substring(hash + 1) : v));
            }
        }
        return new Ldif(List.copyOf(certs), List.copyOf(hashes));
    }
}
