package io.github.pec4j.spring.boot;

import io.github.pec4j.mailroom.Mailroom;

/**
 * Changes the auto-configured mailroom's builder before it is built (offices, routing, batch size...).
 * Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface MailroomCustomizer {
    /**
     * Changes the builder.
     *
     * @param builder the mailroom's builder, with every {@code pec4j.*} setting applied
     */
    void customize(Mailroom.Builder builder);
}
