package io.github.pec4j.signature.internal;

import io.github.pec4j.signature.Trust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The parsed trust sources and the trust decision. */
public final class TrustMaterial {
    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final Set<X509Certificate> providers;
    private final Set<String> fingerprints;
    private final List<java.security.cert.X509CRL> crls;

    private TrustMaterial(Set<TrustAnchor> anchors, List<X509Certificate> intermediates, Set<X509Certificate> providers,
            Set<String> fingerprints, List<java.security.cert.X509CRL> crls) {
        this.anchors = anchors;
        this.intermediates = intermediates;
        this.providers = providers;
        this.fingerprints = fingerprints;
        this.crls = crls;
    }

    public static TrustMaterial empty() {
        return new TrustMaterial(Set.of(), List.of(), Set.of(), Set.of(), List.of());
    }

    /** The revocation date of a certificate in a configured CRL signed by its issuer (among the CAs). */
    public java.util.Optional<Instant> revocation(X509Certificate c) {
        for (java.security.cert.X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(c.getIssuerX500Principal())) {
                continue;
            }
            boolean signedByKnownIssuer = false;
            for (X509Certificate ca : intermediates) {
                if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                    try {
                        crl.verify(ca.getPublicKey());
                        signedByKnownIssuer = true;
                        break;
                    } catch (GeneralSecurityException e) {
                        // another key with the same name
                    }
                }
            }
            if (!signedByKnownIssuer) {
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
                List.copyOf(crls));
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

    public Trust evaluate(X509Certificate signer, Collection<X509Certificate> extra, Instant time) {
        if (isEmpty()) {
            return Trust.UNKNOWN;
        }
        if (providers.contains(signer) || fingerprints.contains(fingerprint(signer, "SHA-256"))
                || fingerprints.contains(fingerprint(signer, "SHA-1"))) {
            return Trust.TRUSTED;
        }
        if (anchors.isEmpty()) {
            return Trust.UNTRUSTED;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false); // offline by default: no CRL or OCSP fetch
            params.setDate(Date.from(time));
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.addAll(extra);
            pool.add(signer);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return Trust.TRUSTED;
        } catch (GeneralSecurityException e) {
            return Trust.UNTRUSTED;
        }
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
