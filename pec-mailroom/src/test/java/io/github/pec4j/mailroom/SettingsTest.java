package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void imapsUrlWithDefaultPort() {
        ImapSettings s = ImapSettings.parse("imaps://protocollo%40pec.comune.example.it@imaps.pec.example.it", NO_ENV::get);
        assertThat(s.host()).isEqualTo("imaps.pec.example.it");
        assertThat(s.port()).isEqualTo(993);
        assertThat(s.security()).isEqualTo(TransportSecurity.TLS);
        assertThat(s.user()).isEqualTo("protocollo@pec.comune.example.it");
        assertThat(s.password().get()).isEmpty();
        assertThat(s.connectTimeout()).isEqualTo(ImapSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(s.readTimeout()).isEqualTo(ImapSettings.DEFAULT_READ_TIMEOUT);
        assertThat(s.trustCertificates()).isEmpty();
        assertThat(s.trustStore()).isEmpty();
    }

    @Test
    void imapStarttlsForms() {
        assertThat(ImapSettings.parse("imap://u@h", NO_ENV::get).security()).isEqualTo(TransportSecurity.STARTTLS_OPTIONAL);
        assertThat(ImapSettings.parse("imap://u@h:143?starttls=required", NO_ENV::get).security())
                .isEqualTo(TransportSecurity.STARTTLS_REQUIRED);
        assertThat(ImapSettings.parse("imap://u@h?starttls=optional", NO_ENV::get).security())
                .isEqualTo(TransportSecurity.STARTTLS_OPTIONAL);
        ImapSettings none = ImapSettings.parse("IMAP://u@h:1143?starttls=none", NO_ENV::get);
        assertThat(none.security()).isEqualTo(TransportSecurity.NONE);
        assertThat(none.port()).isEqualTo(1143);
        assertThat(ImapSettings.parse("imap://u@h", NO_ENV::get).port()).isEqualTo(143);
    }

    @Test
    void smtpForms() {
        SmtpSettings submission = SmtpSettings.parse("smtp://box%40pec.example.it@smtp.example.it:587?starttls=required", NO_ENV::get);
        assertThat(submission.security()).isEqualTo(TransportSecurity.STARTTLS_REQUIRED);
        assertThat(submission.user()).contains("box@pec.example.it");
        SmtpSettings smtps = SmtpSettings.parse("smtps://box@smtp.example.it", NO_ENV::get);
        assertThat(smtps.port()).isEqualTo(465);
        assertThat(smtps.security()).isEqualTo(TransportSecurity.TLS);
        SmtpSettings relay = SmtpSettings.parse("smtp://relay.example.it", NO_ENV::get);
        assertThat(relay.user()).isEmpty();
        assertThat(relay.port()).isEqualTo(587);
    }

    @Test
    void passwordFromTheUrlThenTheEnvironmentThenTheCaller() {
        Map<String, String> env = Map.of(ImapSettings.PASSWORD_ENV, "from-env", SmtpSettings.PASSWORD_ENV, "smtp-env");
        assertThat(ImapSettings.parse("imaps://u:p%40ss%3Aword@h", env::get).password().get()).containsExactly("p@ss:word".toCharArray());
        assertThat(ImapSettings.parse("imaps://u@h", env::get).password().get()).containsExactly("from-env".toCharArray());
        assertThat(SmtpSettings.parse("smtps://u@h", env::get).password().get()).containsExactly("smtp-env".toCharArray());
        char[] given = "given".toCharArray();
        ImapSettings s = ImapSettings.parse("imaps://u@h", env::get).withPassword(given);
        given[0] = 'X'; // the caller wipes its array
        assertThat(s.password().get()).containsExactly("given".toCharArray());
        assertThat(s.withPassword(() -> "vault".toCharArray()).password().get()).containsExactly("vault".toCharArray());
    }

    @Test
    void toStringNeverShowsThePassword() {
        Map<String, String> env = Map.of(ImapSettings.PASSWORD_ENV, "Env-Secret-1", SmtpSettings.PASSWORD_ENV, "Env-Secret-2");
        ImapSettings fromUrl = ImapSettings.parse("imaps://box%40pec.example.it:Url-Secret-0@imap.example.it", env::get);
        ImapSettings fromEnv = ImapSettings.parse("imap://box@imap.example.it?starttls=required", env::get)
                .withTrustCertificates(List.of(Path.of("/etc/ca.pem")));
        SmtpSettings smtp = SmtpSettings.parse("smtps://box:Url-Secret-3@smtp.example.it", env::get);
        SmtpSettings given = SmtpSettings.parse("smtp://box@smtp.example.it", env::get).withPassword("Given-Secret-4".toCharArray());
        for (Object s : List.of(fromUrl, fromEnv, smtp, given)) {
            assertThat(s.toString()).doesNotContain("Secret").contains("example.it");
        }
        assertThat(fromUrl.toString()).startsWith("imaps://box@pec.example.it@imap.example.it:993 (TLS, JVM trust store");
        assertThat(fromEnv.toString()).contains("STARTTLS_REQUIRED").contains("/etc/ca.pem");
    }

    @Test
    void badUrlsAreRefusedWithoutRepeatingThem() {
        for (String bad : List.of("http://u:Secret-5@h", "imaps://u:Secret-5@/", "imaps://u:Secret-5@h:99999",
                "imap://u:Secret-5@h?starttls=maybe", "imap://u:Secret-5@h?tls=yes", "imaps://u:Secret-5@h?starttls=required",
                "imaps://u:Secret-5@h x", "imaps://Secret-5@h:x", "imaps://u:Secret-5%zz@h")) {
            assertThatThrownBy(() -> ImapSettings.parse(bad, NO_ENV::get)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secret-5"));
        }
        assertThatThrownBy(() -> ImapSettings.parse("imaps://h", NO_ENV::get)).hasMessageContaining("no user");
        assertThatThrownBy(() -> SmtpSettings.parse("imaps://u@h", NO_ENV::get)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutsMustBePositive() {
        ImapSettings s = ImapSettings.parse("imaps://u@h", NO_ENV::get);
        assertThat(s.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(6)).readTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThatThrownBy(() -> s.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
