/**
 * Fixture factory for tests: realistic provider-signed PEC messages of every kind, with quirks and
 * hostile variants, signed by a throw-away {@link io.github.pec4j.testkit.TestPki}. Start with
 * {@link io.github.pec4j.testkit.PecFixtures#create()}.
 */
@NullMarked
package io.github.pec4j.testkit;

import org.jspecify.annotations.NullMarked;
