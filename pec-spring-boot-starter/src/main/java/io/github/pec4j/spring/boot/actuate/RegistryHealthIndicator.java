package io.github.pec4j.spring.boot.actuate;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Whether the protocol registry answers: one search of a single registration, a round trip to its store.
 * UP with the provider and its capabilities; DOWN with the error when the store cannot be read.
 */
public class RegistryHealthIndicator extends AbstractHealthIndicator {
    private final ProtocolRegistry registry;

    /** @param registry the registry to ask */
    public RegistryHealthIndicator(ProtocolRegistry registry) {
        super("the protocol registry cannot be reached");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        registry.search(SearchQuery.all().page(0, 1));
        builder.up().withDetail("provider", registry.providerId()).withDetail("capabilities", registry.capabilities().stream().map(Enum::name).sorted().toList());
    }
}
