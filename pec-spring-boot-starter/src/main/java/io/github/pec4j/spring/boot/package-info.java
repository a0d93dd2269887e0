/**
 * Spring Boot auto-configuration of pec4j: the {@code pec4j.*} properties, the beans (parser, trust store,
 * format policy, directory, admission, registry, mailroom) and what Actuator and Micrometer see of them.
 */
package io.github.pec4j.spring.boot;
