/**
 * The segnatura di protocollo and the AOO-to-AOO messages (AgID LG 2021, Allegato 6, schemas @7d9ce46):
 * {@link io.github.pec4j.segnatura.SegnaturaReader}, {@link io.github.pec4j.segnatura.SegnaturaWriter},
 * {@link io.github.pec4j.segnatura.SegnaturaVerifier} and {@link io.github.pec4j.segnatura.InteropMessages}.
 */
@NullMarked
package io.github.pec4j.segnatura;

import org.jspecify.annotations.NullMarked;
