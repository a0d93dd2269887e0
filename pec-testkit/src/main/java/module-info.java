/** pec4j testkit: fixtures for tests, never for production. */
module io.github.pec4j.testkit {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires java.xml.crypto;
    requires static org.jspecify;

    exports io.github.pec4j.testkit;
}
