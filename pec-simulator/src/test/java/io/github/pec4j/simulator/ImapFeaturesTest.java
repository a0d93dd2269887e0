package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Quota;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What GreenMail's IMAP offers a mailroom: MOVE, UIDPLUS, IDLE, QUOTA, and a UIDVALIDITY a test can change. */
class ImapFeaturesTest {
    static final String BOX = "protocollo@pec.comune.esempio.it";
    PecProviderSimulator sim;

    @BeforeEach
    void start() {
        sim = PecProviderSimulator.start();
        sim.box(BOX, Wire.PASSWORD);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    IMAPStore connect() throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", "10000");
        p.setProperty("mail.imap.timeout", "30000");
        IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
        store.connect(sim.imap().host(), sim.imap().port(), BOX, Wire.PASSWORD);
        return store;
    }

    @Test
    @DisplayName("CAPABILITY lists UIDPLUS, MOVE, IDLE and QUOTA")
    void capabilities() throws Exception {
        try (IMAPStore store = connect()) {
            for (String c : new String[] {"UIDPLUS", "MOVE", "IDLE", "QUOTA"}) {
                assertThat(store.hasCapability(c)).as(c).isTrue();
            }
        }
    }

    @Test
    @DisplayName("UID MOVE moves a message to another folder (COPYUID returned), APPEND returns APPENDUID")
    void moveAndUidplus() throws Exception {
        sim.deliverPec("mario.rossi@pec.example.it", BOX, "Da spostare");
        try (IMAPStore store = connect()) {
            Folder archive = store.getFolder("Protocollati");
            archive.create(Folder.HOLDS_MESSAGES);
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message m = inbox.getMessage(1);
            AppendUID[] moved = inbox.moveUIDMessages(new Message[] {m}, archive);
            assertThat(moved).hasSize(1);
            assertThat(moved[0].uidvalidity).isEqualTo(sim.uidValidity(BOX, "Protocollati"));
            inbox.close(true);

            IMAPFolder target = (IMAPFolder) store.getFolder("Protocollati");
            AppendUID[] appended = target.appendUIDMessages(new Message[] {Wire.letter(BOX, java.util.List.of(BOX), java.util.List.of(), "x", "y")});
            assertThat(appended[0].uid).isEqualTo(moved[0].uid + 1);
        }
        assertThat(sim.messages(BOX)).isEmpty();
        assertThat(sim.messages(BOX, "Protocollati")).hasSize(2);
    }

    @Test
    @DisplayName("IDLE wakes the client when the simulator delivers a message")
    void idleSeesDeliveries() throws Exception {
        CountDownLatch added = new CountDownLatch(1);
        try (IMAPStore store = connect()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    added.countDown();
                }
            });
            Thread idler = new Thread(() -> {
                try {
                    inbox.idle(true);
                } catch (MessagingException e) {
                    // the store closes under it at the end of the test
                }
            });
            idler.start();
            // IDLE starts asynchronously: deliver until the idling client hears of one (no fixed sleep)
            for (int i = 0; i < 100 && added.getCount() > 0; i++) {
                sim.deliverPec("mario.rossi@pec.example.it", BOX, "Nuova " + i);
                added.await(100, TimeUnit.MILLISECONDS);
            }
            assertThat(added.await(10, TimeUnit.SECONDS)).isTrue();
            idler.join(10_000);
        }
    }

    @Test
    @DisplayName("setQuota shows in GETQUOTAROOT with the current usage")
    void quota() throws Exception {
        sim.setQuota(BOX, 2048);
        sim.deliverPec("mario.rossi@pec.example.it", BOX, "Occupa spazio");
        try (IMAPStore store = connect()) {
            Quota[] quotas = store.getQuota("INBOX");
            assertThat(quotas).hasSize(1);
            assertThat(quotas[0].resources[0].name).isEqualTo("STORAGE");
            assertThat(quotas[0].resources[0].limit).isEqualTo(2048);
            assertThat(quotas[0].resources[0].usage).isGreaterThan(0);
        }
    }

    @Test
    @DisplayName("resetUidValidity gives INBOX a new UIDVALIDITY, keeping messages and flags")
    void uidValidityReset() throws Exception {
        sim.deliverPec("mario.rossi@pec.example.it", BOX, "Uno");
        sim.deliverPec("mario.rossi@pec.example.it", BOX, "Due");
        long before;
        try (Store store = connect()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            before = inbox.getUIDValidity();
            inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
            inbox.close(false);
        }
        long after = sim.resetUidValidity(BOX, "INBOX");
        assertThat(after).isNotEqualTo(before);
        try (Store store = connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(((UIDFolder) inbox).getUIDValidity()).isEqualTo(after);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThat(inbox.getMessage(1).isSet(Flags.Flag.SEEN)).isTrue();
            assertThat(inbox.getMessage(2).isSet(Flags.Flag.SEEN)).isFalse();
            inbox.close(false);
        }
    }
}
