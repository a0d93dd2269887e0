package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module exports only its API, and no Bouncy Castle type appears in it. */
class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApi() throws Exception {
        Path classes = Path.of(TrustStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.signature").orElseThrow().descriptor();
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("io.github.pec4j.signature");
    }

    @Test
    void noBouncyCastleTypeInThePublicApi() {
        for (Class<?> c : new Class<?>[] {ProviderSignatureVerifier.class, ProviderSignatureReport.class, TrustStore.class,
                TrustStore.Builder.class, SignerCertificate.class, CryptoPolicy.class}) {
            for (Method m : c.getMethods()) {
                Stream.concat(Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes()))
                        .forEach(t -> assertThat(t.getName()).as(c.getSimpleName() + "." + m.getName()).doesNotStartWith("org.bouncycastle"));
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    assertThat(rc.getGenericType().getTypeName()).doesNotContain("org.bouncycastle");
                }
            }
        }
    }
}
