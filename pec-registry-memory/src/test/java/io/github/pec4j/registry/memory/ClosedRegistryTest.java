package io.github.pec4j.registry.memory;

import static io.github.pec4j.registry.tck.KitRequests.OPERATOR;
import static io.github.pec4j.registry.tck.KitRequests.REGISTER;
import static io.github.pec4j.registry.tck.KitRequests.incoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.TransmissionEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A closed memory registry refuses every write, as STORAGE "registry closed" (found by mutation testing). */
class ClosedRegistryTest {
    static void refused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE);
            assertThat(e.getMessage()).contains("registry closed");
        });
    }

    @Test
    @DisplayName("after close: register, update, annul, recordTransmission and dailyRegister are refused")
    void writesAfterClose() throws Exception {
        ProtocolRegistry registry = ProtocolRegistries.open("memory", RegistryOptions.defaults());
        ProtocolId id = registry.register(incoming(REGISTER, "Prima del close").build()).registration().id();
        registry.close();
        refused(() -> registry.register(incoming(REGISTER, "Dopo il close").build()));
        refused(() -> registry.update(id, List.of(), OPERATOR));
        refused(() -> registry.annul(id, new AnnulmentRequest("Provv. 1/2024", LocalDate.of(2024, 3, 15), "errore materiale", OPERATOR)));
        refused(() -> registry.recordTransmission(id, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), Instant.EPOCH),
                Optional.empty(), OPERATOR));
        refused(() -> registry.dailyRegister(REGISTER, LocalDate.of(2024, 3, 15)));
    }
}
