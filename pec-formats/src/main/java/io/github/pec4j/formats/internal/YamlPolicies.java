package io.github.pec4j.formats.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The only class that names jackson-dataformat-yaml. Kept apart so that the JVM resolves
 * {@code YAMLFactory} only when a YAML policy is read: {@code FormatPolicy} itself is verified and
 * used without the optional library.
 */
public final class YamlPolicies {
    private static final String FACTORY = "com.fasterxml.jackson.dataformat.yaml.YAMLFactory";

    private YamlPolicies() {}

    /**
     * A mapper reading YAML.
     *
     * @throws IllegalStateException when jackson-dataformat-yaml is not available to pec-formats
     */
    public static ObjectMapper mapper() {
        if (!available()) {
            throw new IllegalStateException("YAML policies need com.fasterxml.jackson.dataformat:jackson-dataformat-yaml (with its "
                    + "SnakeYAML) on the class path, or on the module path with --add-modules com.fasterxml.jackson.dataformat.yaml; "
                    + "JSON policies need nothing more");
        }
        return Holder.create();
    }

    /** True when the YAML factory can be loaded by pec-formats' class loader and is readable from its module. */
    static boolean available() {
        try {
            Class<?> c = Class.forName(FACTORY, false, YamlPolicies.class.getClassLoader());
            return YamlPolicies.class.getModule().canRead(c.getModule());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Names YAMLFactory; loaded (and verified) only after {@link #available()} said yes. */
    private static final class Holder {
        static ObjectMapper create() {
            return new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        }
    }
}
