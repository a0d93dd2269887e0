/** Implementation of the starter; not an API. */
package io.github.pec4j.spring.boot.internal;
