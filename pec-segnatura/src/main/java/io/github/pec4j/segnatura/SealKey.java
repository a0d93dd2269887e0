package io.github.pec4j.segnatura;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The AOO's electronic seal: its private key (RSA or EC) and certificate chain, the seal's own certificate first.
 * {@link #toString()} never shows the key.
 *
 * @param privateKey the seal's private key
 * @param chain the seal certificate followed by any intermediates (written in KeyInfo)
 */
public record SealKey(PrivateKey privateKey, List<X509Certificate> chain) {

    /**
     * Checks for presence, a non-empty chain and a supported key.
     *
     * @param privateKey the seal's private key
     * @param chain the seal certificate followed by any intermediates (written in KeyInfo)
     */
    public SealKey {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain needs the seal certificate");
        }
        if (!privateKey.getAlgorithm().equals("RSA") && !privateKey.getAlgorithm().equals("EC")) {
            throw new IllegalArgumentException("a seal key must be RSA or EC, not " + privateKey.getAlgorithm());
        }
        if (!privateKey.getAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("the key is " + privateKey.getAlgorithm() + " but the certificate's is "
                    + chain.get(0).getPublicKey().getAlgorithm());
        }
    }

    /**
     * A seal with its certificate and intermediates.
     *
     * @param privateKey the seal's private key
     * @param certificate the seal's certificate, naming the AOO
     * @param intermediates the certificates between it and the CA, in order
     * @return a seal with its certificate and intermediates
     */
    public static SealKey of(PrivateKey privateKey, X509Certificate certificate, X509Certificate... intermediates) {
        List<X509Certificate> all = new java.util.ArrayList<>();
        all.add(certificate);
        all.addAll(List.of(intermediates));
        return new SealKey(privateKey, all);
    }

    /**
     * The seal certificate.
     *
     * @return the seal certificate
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "SealKey[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
