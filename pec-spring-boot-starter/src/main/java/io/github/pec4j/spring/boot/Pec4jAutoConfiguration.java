package io.github.pec4j.spring.boot;

import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.DirectoryChain;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The pec4j building blocks as beans: clock, parser, trust store, provider signature verifier, format
 * policy and checker, directory (IPA snapshot in a caching chain) and admission. Each backs off when the
 * application defines a bean of its type. {@code pec4j.enabled=false} turns the starter off.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "pec4j", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(Pec4jProperties.class)
public class Pec4jAutoConfiguration {

    /** Creates the auto-configuration (Spring does). */
    public Pec4jAutoConfiguration() {}

    /**
     * The clock every pec4j bean reads the time from.
     *
     * @return the UTC system clock
     */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    public Clock pec4jClock() {
        return Clock.systemUTC();
    }

    /**
     * The PEC parser (thread-safe).
     *
     * @param properties the {@code pec4j.*} settings
     * @return the parser
     */
    @Bean
    @ConditionalOnMissingBean
    public PecParser pecParser(Pec4jProperties properties) {
        PecParser parser = PecParser.create();
        return properties.getParser().isSignedContentDigest() ? parser.withSignedContentDigest() : parser;
    }

    /**
     * The trusted PEC provider certificates, from every {@code pec4j.trust.*} source.
     *
     * @param properties the {@code pec4j.*} settings
     * @return the trust store (empty when no source is named)
     * @throws IOException when a named source cannot be read
     */
    @Bean
    @ConditionalOnMissingBean
    public TrustStore pecTrustStore(Pec4jProperties properties) throws IOException {
        Pec4jProperties.Trust t = properties.getTrust();
        TrustStore.Builder b = TrustStore.builder();
        for (Path p : t.getPem()) b.addPem(p);
        for (Path p : t.getLdif()) b.addLdif(p);
        if (t.getKeyStore() != null) b.addKeyStore(t.getKeyStore(), t.getKeyStorePassword().toCharArray());
        for (String f : t.getFingerprints()) b.addFingerprint(f);
        for (Path p : t.getCrl()) b.addCrl(p);
        return b.build();
    }

    /**
     * The provider signature verifier over the trust store.
     *
     * @param trust the trust store
     * @return the verifier
     */
    @Bean
    @ConditionalOnMissingBean
    public ProviderSignatureVerifier providerSignatureVerifier(TrustStore trust) {
        return ProviderSignatureVerifier.create(trust);
    }

    /**
     * The attachment format policy: {@code pec4j.formats.policy}, else the built-in one.
     *
     * @param properties the {@code pec4j.*} settings
     * @return the policy
     * @throws IOException when the policy file cannot be read or is invalid
     */
    @Bean
    @ConditionalOnMissingBean
    public FormatPolicy pecFormatPolicy(Pec4jProperties properties) throws IOException {
        Path file = properties.getFormats().getPolicy();
        return file == null ? FormatPolicy.caluso() : FormatPolicy.load(file);
    }

    /**
     * The format checker of the policy.
     *
     * @param policy the format policy
     * @return the checker
     */
    @Bean
    @ConditionalOnMissingBean
    public FormatChecker pecFormatChecker(FormatPolicy policy) {
        return FormatChecker.create(policy);
    }

    /**
     * The IPA snapshot, when {@code pec4j.directory.ipa} names its directory.
     *
     * @param properties the {@code pec4j.*} settings
     * @return the IPA directory
     * @throws IOException when the snapshot cannot be read
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "pec4j.directory", name = "ipa")
    public IpaDirectory ipaDirectory(Pec4jProperties properties) throws IOException {
        return IpaDirectory.load(properties.getDirectory().getIpa());
    }

    /**
     * The directory admission asks: the IPA snapshot in a caching chain, or none ({@link
     * AdmissionEngine#NO_DIRECTORY}, every answer "unknown") without a snapshot. An application's own
     * {@link DomicileDirectory} bean replaces it (mark it {@code @Primary} when the IPA bean is there too).
     *
     * @param ipa the IPA directory, if configured
     * @param clock the clock
     * @param properties the {@code pec4j.*} settings
     * @return the directory
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean(value = DomicileDirectory.class, ignored = IpaDirectory.class)
    public DomicileDirectory pecDomicileDirectory(ObjectProvider<IpaDirectory> ipa, Clock clock, Pec4jProperties properties) {
        IpaDirectory snapshot = ipa.getIfAvailable();
        if (snapshot == null) return AdmissionEngine.NO_DIRECTORY;
        return DirectoryChain.builder().addLocal(snapshot).cacheTtl(properties.getDirectory().getCacheTtl()).clock(clock).build();
    }

    /**
     * The AOO's admission choices: {@code pec4j.admission.aoo-file}, else the defaults, with {@code
     * pec4j.admission.mailboxes} when the file names none.
     *
     * @param properties the {@code pec4j.*} settings
     * @return the AOO configuration
     * @throws IOException when the file cannot be read or is invalid
     */
    @Bean
    @ConditionalOnMissingBean
    public AooConfig pecAooConfig(Pec4jProperties properties) throws IOException {
        Pec4jProperties.Admission a = properties.getAdmission();
        AooConfig config = a.getAooFile() == null ? AooConfig.defaults() : AooConfig.load(a.getAooFile());
        return config.mailboxes().isEmpty() && !a.getMailboxes().isEmpty() ? config.withMailboxes(a.getMailboxes().toArray(String[]::new)) : config;
    }

    /**
     * Admission: registration, istanza validity and receivability of a parsed message.
     *
     * @param config the AOO's choices
     * @param trust the trust store
     * @param policy the format policy
     * @param directory the directory
     * @param clock the clock
     * @return the admission
     */
    @Bean
    @ConditionalOnMissingBean
    public PecAdmission pecAdmission(AooConfig config, TrustStore trust, FormatPolicy policy, DomicileDirectory directory, Clock clock) {
        return PecAdmission.builder(config).trust(trust).formatPolicy(policy).directory(directory).clock(clock).build();
    }
}
