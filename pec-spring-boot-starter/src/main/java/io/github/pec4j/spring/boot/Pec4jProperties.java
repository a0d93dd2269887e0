package io.github.pec4j.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pec4j.*} settings of the starter. Every one has a working default: with none set, the
 * application gets a parser, an empty trust store (nothing verifies as genuine until a trust source is
 * named), the built-in format policy, no directory, default admission choices and the registry on Boot's
 * {@code DataSource} (else the embedded H2 register in {@code pec4j-registry}).
 */
@ConfigurationProperties(prefix = "pec4j")
public class Pec4jProperties {

    /** Whether the starter configures pec4j at all. */
    private boolean enabled = true;

    private final Parser parser = new Parser();
    private final Trust trust = new Trust();
    private final Formats formats = new Formats();
    private final Directory directory = new Directory();
    private final Admission admission = new Admission();
    private final Registry registry = new Registry();
    private final Mailroom mailroom = new Mailroom();
    private final Health health = new Health();

    /** @return whether the starter configures pec4j */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param value whether the starter configures pec4j */
    public void setEnabled(boolean value) {
        this.enabled = value;
    }

    /** @return the parser's settings */
    public Parser getParser() {
        return parser;
    }

    /** @return the trust store's sources */
    public Trust getTrust() {
        return trust;
    }

    /** @return the attachment format policy */
    public Formats getFormats() {
        return formats;
    }

    /** @return the directory chain's settings */
    public Directory getDirectory() {
        return directory;
    }

    /** @return the admission settings */
    public Admission getAdmission() {
        return admission;
    }

    /** @return the registry settings */
    public Registry getRegistry() {
        return registry;
    }

    /** @return the mailroom settings */
    public Mailroom getMailroom() {
        return mailroom;
    }

    /** @return the health thresholds */
    public Health getHealth() {
        return health;
    }

    /** The PEC parser. */
    public static class Parser {
        /**
         * Whether the parser keeps the digest of the signed content, which the provider signature
         * verification and admission need.
         */
        private boolean signedContentDigest = true;

        /** @return whether the signed content's digest is kept */
        public boolean isSignedContentDigest() {
            return signedContentDigest;
        }

        /** @param value whether the signed content's digest is kept */
        public void setSignedContentDigest(boolean value) {
            this.signedContentDigest = value;
        }
    }

    /** Where the trusted PEC provider certificates come from (all sources are added together). */
    public static class Trust {
        /** PEM files or directories of PEM files with trusted certificates (usually the AgID PEC CAs). */
        private List<Path> pem = new ArrayList<>();
        /** LDIF exports of the AgID index of PEC providers. */
        private List<Path> ldif = new ArrayList<>();
        /** A PKCS#12 or JKS key store whose certificates are trusted. */
        private Path keyStore;
        /** The key store's password (better from the environment: PEC4J_TRUST_KEY_STORE_PASSWORD). */
        private String keyStorePassword = "";
        /** SHA-256 fingerprints (hex) of certificates trusted by fingerprint. */
        private List<String> fingerprints = new ArrayList<>();
        /** CRL files checked during verification. */
        private List<Path> crl = new ArrayList<>();

        /** @return the PEM sources */
        public List<Path> getPem() {
            return pem;
        }

        /** @param value the PEM sources */
        public void setPem(List<Path> value) {
            this.pem = value;
        }

        /** @return the LDIF sources */
        public List<Path> getLdif() {
            return ldif;
        }

        /** @param value the LDIF sources */
        public void setLdif(List<Path> value) {
            this.ldif = value;
        }

        /** @return the key store, or null */
        public Path getKeyStore() {
            return keyStore;
        }

        /** @param value the key store */
        public void setKeyStore(Path value) {
            this.keyStore = value;
        }

        /** @return the key store's password */
        public String getKeyStorePassword() {
            return keyStorePassword;
        }

        /** @param value the key store's password */
        public void setKeyStorePassword(String value) {
            this.keyStorePassword = value;
        }

        /** @return the trusted fingerprints */
        public List<String> getFingerprints() {
            return fingerprints;
        }

        /** @param value the trusted fingerprints */
        public void setFingerprints(List<String> value) {
            this.fingerprints = value;
        }

        /** @return the CRL files */
        public List<Path> getCrl() {
            return crl;
        }

        /** @param value the CRL files */
        public void setCrl(List<Path> value) {
            this.crl = value;
        }
    }

    /** The attachment format policy. */
    public static class Formats {
        /** A policy file (JSON or YAML); unset: the built-in policy (FormatPolicy.caluso()). */
        private Path policy;

        /** @return the policy file, or null */
        public Path getPolicy() {
            return policy;
        }

        /** @param value the policy file */
        public void setPolicy(Path value) {
            this.policy = value;
        }
    }

    /** The directory chain: who owns a PEC address. */
    public static class Directory {
        /** The directory of an IPA open-data snapshot; unset: no IPA (and no directory at all). */
        private Path ipa;
        /** How long the chain caches an answer. */
        private Duration cacheTtl = Duration.ofHours(1);

        /** @return the IPA snapshot directory, or null */
        public Path getIpa() {
            return ipa;
        }

        /** @param value the IPA snapshot directory */
        public void setIpa(Path value) {
            this.ipa = value;
        }

        /** @return the cache's time to live */
        public Duration getCacheTtl() {
            return cacheTtl;
        }

        /** @param value the cache's time to live */
        public void setCacheTtl(Duration value) {
            this.cacheTtl = value;
        }
    }

    /** Admission: the AOO's choices. */
    public static class Admission {
        /**
         * The AOO's configuration file (YAML or JSON, as for {@code pec admit --aoo}); its mailroom section
         * configures the mailroom too. Unset: the default choices.
         */
        private Path aooFile;
        /** The AOO's institutional PEC boxes, when no AOO file names them. */
        private List<String> mailboxes = new ArrayList<>();

        /** @return the AOO file, or null */
        public Path getAooFile() {
            return aooFile;
        }

        /** @param value the AOO file */
        public void setAooFile(Path value) {
            this.aooFile = value;
        }

        /** @return the institutional boxes */
        public List<String> getMailboxes() {
            return mailboxes;
        }

        /** @param value the institutional boxes */
        public void setMailboxes(List<String> value) {
            this.mailboxes = value;
        }
    }

    /** Where registrations are kept. */
    public static class Registry {
        /**
         * Which store: AUTO (Boot's DataSource when there is one, else the embedded H2 register), DATASOURCE,
         * EMBEDDED, or MEMORY (pec-registry-memory, lost at shutdown: demos and tests only).
         */
        private Store store = Store.AUTO;
        /** The embedded H2 register's directory. */
        private Path embeddedDirectory = Path.of("pec4j-registry");
        /** The database schema of the registry's tables on the DataSource; unset: the connection's schema. */
        private String schema;
        /** Where document bytes are kept as files; unset: in the database. */
        private Path contentDirectory;
        /** The largest document accepted, in bytes. */
        private long maxDocumentBytes = 1L << 30;

        /** @return the store */
        public Store getStore() {
            return store;
        }

        /** @param value the store */
        public void setStore(Store value) {
            this.store = value;
        }

        /** @return the embedded register's directory */
        public Path getEmbeddedDirectory() {
            return embeddedDirectory;
        }

        /** @param value the embedded register's directory */
        public void setEmbeddedDirectory(Path value) {
            this.embeddedDirectory = value;
        }

        /** @return the schema, or null */
        public String getSchema() {
            return schema;
        }

        /** @param value the schema */
        public void setSchema(String value) {
            this.schema = value;
        }

        /** @return the content directory, or null */
        public Path getContentDirectory() {
            return contentDirectory;
        }

        /** @param value the content directory */
        public void setContentDirectory(Path value) {
            this.contentDirectory = value;
        }

        /** @return the document size limit */
        public long getMaxDocumentBytes() {
            return maxDocumentBytes;
        }

        /** @param value the document size limit */
        public void setMaxDocumentBytes(long value) {
            this.maxDocumentBytes = value;
        }

        /** The registry's store. */
        public enum Store {
            /** Boot's DataSource when the context has one, else the embedded register. */
            AUTO,
            /** Boot's DataSource (fails at start-up without one). */
            DATASOURCE,
            /** The embedded H2 register in {@code embedded-directory}. */
            EMBEDDED,
            /** The in-memory registry: lost at shutdown, for demos and tests. */
            MEMORY
        }
    }

    /** The mailroom, configured when pec-mailroom is on the class path and {@code pec4j.mailroom.imap} is set. */
    public static class Mailroom {
        /** The institutional box over IMAP, e.g. imaps://protocollo%40pec.comune.example.it@imaps.pec.example.it. */
        private String imap;
        /** The SMTP server replies and notifications go through; unset: none are sent. */
        private String smtp;
        /** The IMAP password, when neither the URL nor PEC_IMAP_PASSWORD gives it. */
        private String imapPassword;
        /** The SMTP password, when neither the URL nor PEC_SMTP_PASSWORD gives it. */
        private String smtpPassword;
        /** PEM files of the mail servers' CAs; unset: the JVM's trust store. */
        private List<Path> serverCertificates = new ArrayList<>();
        /** The register of incoming mail as amministrazione/aoo/registro, when no AOO file names it. */
        private String register;
        /** Whether the mailroom starts taking mail in with the application (false: call runOnce() yourself). */
        private boolean autoStart = true;
        /** How long the mailroom waits between rounds when the server has no IMAP IDLE. */
        private Duration pollInterval = Duration.ofMinutes(1);
        /** INBOX messages fetched ahead while the one before them is taken in (0: none; MRM-PREFETCH-01). */
        private int fetchAhead = 2;
        /** This node's id in the box's lease; unset: pid and a random suffix. */
        private String nodeId;

        /** @return the IMAP URL, or null */
        public String getImap() {
            return imap;
        }

        /** @param value the IMAP URL */
        public void setImap(String value) {
            this.imap = value;
        }

        /** @return the SMTP URL, or null */
        public String getSmtp() {
            return smtp;
        }

        /** @param value the SMTP URL */
        public void setSmtp(String value) {
            this.smtp = value;
        }

        /** @return the IMAP password, or null */
        public String getImapPassword() {
            return imapPassword;
        }

        /** @param value the IMAP password */
        public void setImapPassword(String value) {
            this.imapPassword = value;
        }

        /** @return the SMTP password, or null */
        public String getSmtpPassword() {
            return smtpPassword;
        }

        /** @param value the SMTP password */
        public void setSmtpPassword(String value) {
            this.smtpPassword = value;
        }

        /** @return the servers' CA files */
        public List<Path> getServerCertificates() {
            return serverCertificates;
        }

        /** @param value the servers' CA files */
        public void setServerCertificates(List<Path> value) {
            this.serverCertificates = value;
        }

        /** @return the register, or null */
        public String getRegister() {
            return register;
        }

        /** @param value the register as amministrazione/aoo/registro */
        public void setRegister(String value) {
            this.register = value;
        }

        /** @return whether the mailroom starts with the application */
        public boolean isAutoStart() {
            return autoStart;
        }

        /** @param value whether the mailroom starts with the application */
        public void setAutoStart(boolean value) {
            this.autoStart = value;
        }

        /** @return the poll interval */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /** @param value the poll interval */
        public void setPollInterval(Duration value) {
            this.pollInterval = value;
        }

        /** @return how many INBOX messages are fetched ahead */
        public int getFetchAhead() {
            return fetchAhead;
        }

        /** @param value how many INBOX messages are fetched ahead (0 to 16) */
        public void setFetchAhead(int value) {
            this.fetchAhead = value;
        }

        /** @return the node id, or null */
        public String getNodeId() {
            return nodeId;
        }

        /** @param value the node id */
        public void setNodeId(String value) {
            this.nodeId = value;
        }
    }

    /** The thresholds of the Actuator health indicators. */
    public static class Health {
        /** The IPA snapshot's largest age before the directory is reported DOWN. */
        private Duration ipaMaxAge = Duration.ofDays(7);
        /** How long the mailbox may go without a completed round before it is reported DOWN. */
        private Duration mailboxMaxSilence = Duration.ofMinutes(15);
        /** The share of the box's quota (0-1) from which the mailbox is reported DOWN. */
        private double quotaDownAt = 0.95;

        /** @return the IPA snapshot's largest age */
        public Duration getIpaMaxAge() {
            return ipaMaxAge;
        }

        /** @param value the IPA snapshot's largest age */
        public void setIpaMaxAge(Duration value) {
            this.ipaMaxAge = value;
        }

        /** @return the longest silence of the mailbox */
        public Duration getMailboxMaxSilence() {
            return mailboxMaxSilence;
        }

        /** @param value the longest silence of the mailbox */
        public void setMailboxMaxSilence(Duration value) {
            this.mailboxMaxSilence = value;
        }

        /** @return the quota share reported DOWN */
        public double getQuotaDownAt() {
            return quotaDownAt;
        }

        /** @param value the quota share reported DOWN */
        public void setQuotaDownAt(double value) {
            this.quotaDownAt = value;
        }
    }
}
