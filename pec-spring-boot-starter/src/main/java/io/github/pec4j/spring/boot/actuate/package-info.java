/** Actuator health indicators of pec4j: the registry, the IPA snapshot, the institutional mailbox. */
package io.github.pec4j.spring.boot.actuate;
