package io.github.pec4j.cli.internal;

import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The trusted PEC CAs and providers ({@code --trust}) and the password of a key store among them. */
public final class TrustOptions {
    @Option(scope = ScopeType.INHERIT, names = "--trust", paramLabel = "PATH", description = "Trusted PEC CAs or providers: a PEM file or directory, a .p12/.pfx/.jks "
            + "key store, an AgID .ldif list, or a .crl. Repeatable.")
    List<String> paths = new ArrayList<>();

    @Option(scope = ScopeType.INHERIT, names = "--trust-password-env", paramLabel = "VAR", description = "The key stores' password is in environment variable VAR.")
    String passwordEnv;

    @Option(scope = ScopeType.INHERIT, names = "--trust-password-file", paramLabel = "FILE", description = "The key stores' password is the first line of FILE.")
    Path passwordFile;

    @Option(scope = ScopeType.INHERIT, names = "--trust-password", paramLabel = "PW", description = "The key stores' password itself (discouraged: it shows in the "
            + "process list and the shell history; use --trust-password-env or --trust-password-file).")
    String password;

    /** Whether any trust source was given. */
    boolean given() {
        return !paths.isEmpty();
    }

    /** The paths as given. */
    List<String> paths() {
        return paths;
    }

    /**
     * The trust store of the given sources.
     *
     * @throws IllegalArgumentException when the password options contradict each other (a usage error)
     * @throws IOException when a source or the password file cannot be read
     */
    TrustStore load() throws IOException {
        char[] pw = Secret.resolve("--trust-password", password, passwordEnv, passwordFile).orElse(new char[0]);
        return load(paths, pw);
    }

    /** The trust store of {@code paths}: PEM files or directories, key stores, LDIF lists and CRLs, told apart by their names. */
    public static TrustStore load(List<String> paths, char[] password) throws IOException {
        if (paths.isEmpty()) return TrustStore.empty();
        TrustStore.Builder b = TrustStore.builder();
        for (String p : paths) {
            Path path = Path.of(p);
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".ldif")) {
                b.addLdif(path);
            } else if (n.endsWith(".crl")) {
                b.addCrl(path);
            } else if (n.endsWith(".p12") || n.endsWith(".pfx") || n.endsWith(".jks")) {
                b.addKeyStore(path, password);
            } else {
                b.addPem(path);
            }
        }
        return b.build();
    }
}
