/** pec4j signature: the PEC provider's S/MIME signature, verified over the exact received bytes. */
module io.github.pec4j.signature {
    requires transitive io.github.pec4j.core;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires java.xml;
    requires java.xml.crypto;
    requires static org.jspecify;

    exports io.github.pec4j.signature;
}
