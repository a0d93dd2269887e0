/**
 * Admissibility of incoming messages (CAD art. 40-bis, 47, 65; DPR 445/2000 art. 53; AgID LG 2021
 * All. 6): {@link io.github.pec4j.admission.AdmissionEngine} decides from {@link
 * io.github.pec4j.admission.Evidence}; {@link io.github.pec4j.admission.PecAdmission} gathers the
 * evidence from a parsed PEC message.
 */
package io.github.pec4j.admission;
