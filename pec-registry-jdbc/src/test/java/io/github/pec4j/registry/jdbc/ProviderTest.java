package io.github.pec4j.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.RegistryProvider;
import io.github.pec4j.registry.tck.KitRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private RegistryOptions options() {
        return RegistryOptions.defaults().withClock(CLOCK).with("jdbc.url", TestStores.h2Url(directory));
    }

    @Test
    void foundByServiceLoaderWithItsIdAndSpiVersion() {
        assertThat(ProtocolRegistries.providers()).filteredOn(p -> p.id().equals("jdbc")).singleElement()
                .isInstanceOf(JdbcRegistryProvider.class)
                .extracting(RegistryProvider::spiVersion).isEqualTo(RegistryProvider.SPI_VERSION);
    }

    @Test
    void opensTheConfiguredDatabaseWithFilesForContent() throws Exception {
        Path content = directory.resolve("documenti");
        try (ProtocolRegistry registry = ProtocolRegistries.open("jdbc", options().with("content.store", "filesystem")
                .with("content.dir", content.toString()).with("jdbc.maxDocumentBytes", "1000"))) {
            assertThat(registry.providerId()).isEqualTo("jdbc");
            assertThat(registry.maxDocumentBytes()).isEqualTo(1000);
            assertThat(registry.capabilities()).contains(Capability.PERSISTENT).doesNotContain(Capability.MULTI_PROCESS);
            registry.register(KitRequests.incoming(KitRequests.REGISTER, "Istanza").build());
        }
        assertThat(Files.exists(directory.resolve("registry.mv.db"))).isTrue();
        try (var files = Files.walk(content)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void refusesUnknownPropertiesAndStores() {
        assertThatThrownBy(() -> ProtocolRegistries.open("jdbc", options().with("jdbc.ur", "jdbc:h2:mem:x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc.ur");
        assertThatThrownBy(() -> ProtocolRegistries.open("jdbc", options().with("content.store", "s3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database or filesystem");
        assertThatThrownBy(() -> ProtocolRegistries.open("jdbc", options().with("content.dir", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content.store is database");
    }

    @Test
    void theEmbeddedDefaultIsAnH2FileBelowTheWorkingDirectory() {
        assertThat(JdbcRegistry.h2Url(JdbcRegistry.DEFAULT_DIRECTORY.resolve("registry")))
                .isEqualTo("jdbc:h2:file:./pec4j-registry/registry;WRITE_DELAY=0;LOCK_TIMEOUT=30000;QUERY_CACHE_SIZE=256");
        assertThat(JdbcRegistry.h2Url(Path.of("/var/lib/pec4j/registry")))
                .isEqualTo("jdbc:h2:file:/var/lib/pec4j/registry;WRITE_DELAY=0;LOCK_TIMEOUT=30000;QUERY_CACHE_SIZE=256");
    }

    @Test
    void embeddedCreatesItsDatabaseInTheDirectory() throws Exception {
        try (ProtocolRegistry registry = JdbcRegistry.embedded(directory.resolve("protocollo"), CLOCK)) {
            registry.register(KitRequests.incoming(KitRequests.REGISTER, "Istanza").build());
        }
        assertThat(Files.exists(directory.resolve("protocollo").resolve("registry.mv.db"))).isTrue();
    }
}
