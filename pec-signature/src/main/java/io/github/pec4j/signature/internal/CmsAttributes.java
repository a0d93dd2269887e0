package io.github.pec4j.signature.internal;

import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

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
            return Optional.of(Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The JDK-style name of an algorithm OID ({@code SHA-256}, {@code SHA256WITHRSA}), or the OID itself. */
    static String algorithmName(String oid) {
        try {
            String n = NAMES.getAlgorithmName(new ASN1ObjectIdentifier(oid));
            return n.startsWith("SHA") && !n.contains("-") && !n.contains("WITH") ? "SHA-" + n.substring(3) : n;
        } catch (IllegalArgumentException e) {
            return oid;
        }
    }
}
