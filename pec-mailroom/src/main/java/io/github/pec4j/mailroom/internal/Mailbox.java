package io.github.pec4j.mailroom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One institutional box as the pipeline sees it: messages waiting in INBOX, their bytes, and a move
 * to an outcome folder once the outcome is committed. {@code ImapMailbox} is the real one (Angus
 * Mail); tests also use an in-memory one. Not thread-safe: the pipeline calls it from its intake thread and its
 * fetching thread in turn, never at once ({@link LockedMailbox}).
 *
 * <p>Failures of the server or the connection are {@link IOException}s; the implementation reconnects
 * on the next call (with back-off), and never moves, flags or deletes a message except in {@link #move} and {@link #moveAll}.
 */
public interface Mailbox extends AutoCloseable {

    /** A message in a folder, valid while the folder's UIDVALIDITY is unchanged. */
    record Ref(String folder, long uidValidity, long uid, long size) {}

    /** The box's address, lower case (the institutional PEC address). */
    String address();

    /** Connects if needed and creates the given folders where they are missing. */
    void open(List<String> folders) throws IOException;

    /** Up to {@code max} messages waiting in {@code folder} (INBOX for intake), oldest UID first. */
    List<Ref> list(String folder, int max) throws IOException;

    /**
     * The message's exact bytes. The stream is read to the end by the caller and closed; a message
     * that vanished (moved by another node, expunged) gives {@link java.nio.file.NoSuchFileException}.
     */
    InputStream open(Ref ref) throws IOException;

    /**
     * The exact bytes of several messages of one folder, in as few commands as the server allows (one {@code UID
     * FETCH} for them all), each under its Ref; a message not answered for (gone from the folder) is left out. All
     * of them are in memory at once: callers keep the batch small. The default reads them one by one.
     */
    default Map<Ref, byte[]> readAll(List<Ref> refs) throws IOException {
        Map<Ref, byte[]> read = new LinkedHashMap<>();
        for (Ref r : refs) {
            try (InputStream in = open(r)) {
                read.put(r, in.readAllBytes());
            } catch (NoSuchFileException gone) {
                // left out, as a server leaves it out of its answer
            }
        }
        return read;
    }

    /**
     * Moves the message to {@code folder}: MOVE where the server has it, otherwise COPY, then
     * \Deleted and an EXPUNGE of that UID only (UID EXPUNGE where the server has UIDPLUS). A message
     * already gone from its folder is not an error (another node or an earlier run moved it).
     */
    void move(Ref ref, String folder) throws IOException;

    /**
     * Moves messages of one folder to {@code folder}, each as {@link #move} would, in as few commands as the
     * server allows (one MOVE, or one COPY and one UID EXPUNGE, for them all): the mailroom moves a group only
     * once every message of it is committed (MRM-GROUP-01). The default moves them one by one.
     */
    default void moveAll(List<Ref> refs, String folder) throws IOException {
        for (Ref r : refs) move(r, folder);
    }

    /** Blocks until new mail may have arrived in INBOX (IMAP IDLE where the server has it) or {@code max} passes. */
    void awaitMail(Duration max) throws IOException, InterruptedException;

    /** The box's storage quota, when the server reports one (IMAP QUOTA). */
    Optional<Quota> quota() throws IOException;

    /** Storage in use and the limit, in kilobytes as IMAP QUOTA counts them. */
    record Quota(long usedKb, long limitKb) {
        public double share() {
            return limitKb <= 0 ? 0 : (double) usedKb / limitKb;
        }
    }

    @Override
    void close() throws IOException;
}
