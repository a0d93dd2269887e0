/** Implementation of the admission decisions. */
package io.github.pec4j.admission.internal;
