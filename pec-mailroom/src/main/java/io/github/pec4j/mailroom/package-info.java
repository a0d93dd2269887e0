/** The mailroom: one pipeline per institutional box, from the IMAP INBOX to the registry and back. */
package io.github.pec4j.mailroom;
