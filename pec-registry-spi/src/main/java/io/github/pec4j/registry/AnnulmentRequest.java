package io.github.pec4j.registry;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What an annulment must carry (DPR 445/2000 art. 54 c.2): the estremi of the authorising act,
 * its date, the reason and the operator. The annulment time is assigned by the registry.
 *
 * @param provvedimento estremi of the act authorising the annulment, e.g. {@code Det. RGD n. 12/2025}
 * @param provvedimentoDate the act's date
 * @param reason why the registration is annulled
 * @param operator who annuls
 */
public record AnnulmentRequest(String provvedimento, LocalDate provvedimentoDate, String reason, Actor operator) {
    /**
     * Creates the record: refuses null components.
     *
     * @param provvedimento estremi of the act authorising the annulment, e.g. {@code Det. RGD n. 12/2025}
     * @param provvedimentoDate the act's date
     * @param reason why the registration is annulled
     * @param operator who annuls
     */
    public AnnulmentRequest {
        Checks.text(provvedimento, "provvedimento");
        Objects.requireNonNull(provvedimentoDate, "provvedimentoDate");
        Checks.text(reason, "reason");
        Objects.requireNonNull(operator, "operator");
    }
}
