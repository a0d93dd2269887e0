package io.github.pec4j.signature.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.jspecify.annotations.Nullable;

/** Readings of CMS signer attributes shared by the envelope and document verifiers. */
final class CmsAttributes {
    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private CmsAttributes() {}

    /** The claimed signingTime signed attribute, if readable. */
    static Optional<Instant> signingTime(SignerInformation si) {
        AttributeTable attrs = si.getSignedAttributes();
        Attribute a = attrs == null ? null : attrs.get(CMSAttributes.signingTime);
        if (a == null || a.getAttrValues().size() == 0) {
            return Optional.empty();
        }
        try {
            ASN1Encodable value = a.getAttrValues().getObjectAt(0);
            if (value instanceof ASN1UTCTime utc) {
                Instant fast = utcTime(utc.getAdjustedTime());
                if (fast != null) {
                    return Optional.of(fast);
                }
            }
            return Optional.of(Time.getInstance(value).getDate().toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The instant of a UTCTime in Bouncy Castle's adjusted form {@code yyyyMMddHHmmssGMT+hh:mm}, read directly:
     * {@code getAdjustedDate()} builds a {@code SimpleDateFormat} per call, a tenth of a small receipt's
     * verification. Null for anything else (then Bouncy Castle, lenient, decides), so the answer is the same.
     */
    static @Nullable Instant utcTime(String t) {
        if (t.length() != 23 || !t.startsWith("GMT", 14) || t.charAt(20) != ':' || (t.charAt(17) != '+' && t.charAt(17) != '-')) {
            return null;
        }
        try {
            int offsetMinutes = digits(t, 18, 20) * 60 + digits(t, 21, 23);
            LocalDateTime local = LocalDateTime.of(digits(t, 0, 4), digits(t, 4, 6), digits(t, 6, 8), digits(t, 8, 10),
                    digits(t, 10, 12), digits(t, 12, 14));
            if (offsetMinutes > 18 * 60) {
                return null;
            }
            return local.toInstant(ZoneOffset.ofTotalSeconds((t.charAt(17) == '-' ? -60 : 60) * offsetMinutes));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The names of the algorithms of nearly every signature, worked out once by {@link #nameOf} (a name finder
     * lookup and an OID object per call cost a few percent of a small receipt's verification).
     */
    private static final Map<String, String> COMMON = common();

    private static Map<String, String> common() {
        Map<String, String> m = new HashMap<>();
        for (ASN1ObjectIdentifier oid : List.of(OIWObjectIdentifiers.idSHA1, NISTObjectIdentifiers.id_sha224, NISTObjectIdentifiers.id_sha256,
                NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512, PKCSObjectIdentifiers.rsaEncryption,
                PKCSObjectIdentifiers.sha1WithRSAEncryption, PKCSObjectIdentifiers.sha256WithRSAEncryption,
                PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption, PKCSObjectIdentifiers.id_RSASSA_PSS,
                X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
                X9ObjectIdentifiers.ecdsa_with_SHA512)) {
            m.put(oid.getId(), nameOf(oid.getId()));
        }
        return Map.copyOf(m);
    }

    /** The JDK-style name of an algorithm OID ({@code SHA-256}, {@code SHA256WITHRSA}), or the OID itself. */
    static String algorithmName(String oid) {
        String known = COMMON.get(oid);
        return known != null ? known : nameOf(oid);
    }

    /** As {@link #algorithmName}, always asking Bouncy Castle. */
    static String nameOf(String oid) {
        try {
            String n = NAMES.getAlgorithmName(new ASN1ObjectIdentifier(oid));
            return n.startsWith("SHA") && !n.contains("-") && !n.contains("WITH") ? "SHA-" + n.substring(3) : n;
        } catch (IllegalArgumentException e) {
            return oid;
        }
    }
}
