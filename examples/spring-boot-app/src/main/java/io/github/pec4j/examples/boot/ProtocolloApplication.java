package io.github.pec4j.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A protocol office's application: the starter gives it the parser, trust store, admission, the registry on
 * the application's DataSource and (with {@code pec4j.mailroom.imap}) the mailroom; {@link IncomingPec} uses
 * them. Configuration in {@code application.properties}.
 */
@SpringBootApplication
public class ProtocolloApplication {
    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(ProtocolloApplication.class, args);
    }
}
