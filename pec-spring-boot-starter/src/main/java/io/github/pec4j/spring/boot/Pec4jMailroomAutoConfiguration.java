package io.github.pec4j.spring.boot;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.MailroomConfig;
import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.spring.boot.internal.CompositeMailroomListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mailroom of the institutional box, when {@code pec-mailroom} is on the class path and {@code
 * pec4j.mailroom.imap} is set. It shares the starter's registry, parser, trust store, format policy and
 * directory; the AOO file's mailroom section (offices, routing, folders, reply) applies when {@code
 * pec4j.admission.aoo-file} is set. It starts with the application unless {@code
 * pec4j.mailroom.auto-start=false}, and stops (giving the box's lease up) before the registry closes.
 * Micrometer meters are registered when the context has a {@code MeterRegistry}.
 */
@AutoConfiguration(after = Pec4jRegistryAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(Mailroom.class)
@ConditionalOnProperty(prefix = "pec4j.mailroom", name = "imap")
public class Pec4jMailroomAutoConfiguration {

    /** Creates the auto-configuration (Spring does). */
    public Pec4jMailroomAutoConfiguration() {}

    /**
     * What the mailroom last reported, for the health indicator.
     *
     * @param clock the clock
     * @return the status
     */
    @Bean
    @ConditionalOnMissingBean
    public MailroomStatus pecMailroomStatus(Clock clock) {
        return new MailroomStatus(clock);
    }

    /**
     * The mailroom. The application's {@link MailroomListener} beans hear it beside the status, and its
     * {@link MailroomCustomizer} beans change the builder last.
     *
     * @param properties the {@code pec4j.*} settings
     * @param registry the registry
     * @param aoo the AOO's choices (when no AOO file is set)
     * @param trust the trust store
     * @param parser the parser
     * @param policy the format policy
     * @param directory the directory
     * @param clock the clock
     * @param status the status
     * @param listeners the application's listeners
     * @param customizers the application's customizers
     * @return the mailroom
     * @throws IOException when the AOO file cannot be read
     */
    @Bean
    @ConditionalOnMissingBean
    public Mailroom pecMailroom(Pec4jProperties properties, ProtocolRegistry registry, AooConfig aoo, TrustStore trust, PecParser parser,
            FormatPolicy policy, DomicileDirectory directory, Clock clock, MailroomStatus status,
            ObjectProvider<MailroomListener> listeners, ObjectProvider<MailroomCustomizer> customizers) throws IOException {
        Pec4jProperties.Mailroom m = properties.getMailroom();
        Mailroom.Builder b = properties.getAdmission().getAooFile() != null
                ? Mailroom.builder(registry, MailroomConfig.load(properties.getAdmission().getAooFile()))
                : Mailroom.builder(registry, register(m, aoo), aoo);
        b.imap(imap(m)).trust(trust).parser(parser).formatPolicy(policy).directory(directory).clock(clock).pollInterval(m.getPollInterval())
                .fetchAhead(m.getFetchAhead());
        if (m.getSmtp() != null && !m.getSmtp().isBlank()) b.smtp(smtp(m));
        if (m.getNodeId() != null && !m.getNodeId().isBlank()) b.nodeId(m.getNodeId());
        List<MailroomListener> all = new ArrayList<>();
        all.add(status);
        listeners.orderedStream().filter(l -> l != status).forEach(all::add);
        b.listener(new CompositeMailroomListener(all));
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /**
     * Starts the mailroom's thread with the application and closes the mailroom when it stops.
     *
     * @param mailroom the mailroom
     * @param properties the {@code pec4j.*} settings
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnMissingBean(name = "pecMailroomLifecycle")
    public SmartLifecycle pecMailroomLifecycle(Mailroom mailroom, Pec4jProperties properties) {
        return new MailroomLifecycle(mailroom, properties.getMailroom().isAutoStart());
    }

    private static RegisterId register(Pec4jProperties.Mailroom m, AooConfig aoo) {
        if (m.getRegister() != null && !m.getRegister().isBlank()) {
            String[] parts = m.getRegister().split("/", -1);
            if (parts.length != 3) throw new IllegalArgumentException("pec4j.mailroom.register is amministrazione/aoo/registro: " + m.getRegister());
            return RegisterId.of(parts[0], parts[1], parts[2]);
        }
        if (aoo.amministrazione() == null || aoo.amministrazione().isBlank() || aoo.aoo() == null || aoo.aoo().isBlank()) {
            throw new IllegalArgumentException("the mailroom needs its register: set pec4j.mailroom.register (amministrazione/aoo/registro)"
                    + " or pec4j.admission.aoo-file");
        }
        return RegisterId.of(aoo.amministrazione(), aoo.aoo(), MailroomConfig.DEFAULT_REGISTER);
    }

    private static ImapSettings imap(Pec4jProperties.Mailroom m) {
        ImapSettings s = ImapSettings.parse(m.getImap());
        if (m.getImapPassword() != null && !m.getImapPassword().isEmpty()) s = s.withPassword(m.getImapPassword().toCharArray());
        return m.getServerCertificates().isEmpty() ? s : s.withTrustCertificates(m.getServerCertificates());
    }

    private static SmtpSettings smtp(Pec4jProperties.Mailroom m) {
        SmtpSettings s = SmtpSettings.parse(m.getSmtp());
        if (m.getSmtpPassword() != null && !m.getSmtpPassword().isEmpty()) s = s.withPassword(m.getSmtpPassword().toCharArray());
        return m.getServerCertificates().isEmpty() ? s : s.withTrustCertificates(m.getServerCertificates());
    }

    /** The mailroom's meters ({@code pec4j.mailroom.*}) in the application's Micrometer registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        MailroomCustomizer pecMailroomMetrics(ObjectProvider<MeterRegistry> meters) {
            return b -> meters.ifAvailable(b::meterRegistry);
        }
    }

    /** Starts the mailroom with the context, closes it when the context stops. */
    static final class MailroomLifecycle implements SmartLifecycle {
        private final Mailroom mailroom;
        private final boolean autoStart;
        private volatile boolean running;

        MailroomLifecycle(Mailroom mailroom, boolean autoStart) {
            this.mailroom = mailroom;
            this.autoStart = autoStart;
        }

        @Override
        public void start() {
            if (autoStart) mailroom.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            try {
                mailroom.close();
            } catch (IOException e) {
                System.getLogger(MailroomLifecycle.class.getName()).log(System.Logger.Level.WARNING, "closing the mailroom failed", e);
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
