/** Implementation; not exported. */
package io.github.pec4j.mailroom.internal;
