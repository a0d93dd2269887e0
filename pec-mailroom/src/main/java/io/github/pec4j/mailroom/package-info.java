/**
 * The mailroom: one pipeline per institutional PEC box, from the IMAP INBOX to the registry and back.
 *
 * <ul>
 *   <li>{@link io.github.pec4j.mailroom.Mailroom} takes the box in, round after round: fetch → parse → verify →
 *       check formats → decide → register / file receipt / refuse / quarantine → commit → notify → move, exactly
 *       once (MRM-EXACT-01/02), one bad message never stopping the rest (MRM-ISOL-01), one node at a time
 *       (MRM-NODE-01);
 *   <li>{@link io.github.pec4j.mailroom.IncomingRequests} is the one mapping of a message to a {@code
 *       RegistrationRequest} (correspondent, oggetto, sender's reference, documents with impronte, channel,
 *       received-at, idempotency key), shared by the mailroom, the CLI and the demo;
 *   <li>{@link io.github.pec4j.mailroom.Routing} and {@link io.github.pec4j.mailroom.Office} decide who is
 *       assigned a registration and how the offices are told (MRM-NOTIF-01);
 *   <li>{@link io.github.pec4j.mailroom.MailroomConfig} reads the mailroom's section of the AOO's configuration
 *       file; {@link io.github.pec4j.mailroom.ImapSettings} and {@link io.github.pec4j.mailroom.SmtpSettings} say
 *       where the box and the SMTP server are;
 *   <li>{@link io.github.pec4j.mailroom.MailroomListener}, {@link io.github.pec4j.mailroom.RoundReport} and the
 *       optional Micrometer meters tell integrators what happened.
 * </ul>
 */
package io.github.pec4j.mailroom;
