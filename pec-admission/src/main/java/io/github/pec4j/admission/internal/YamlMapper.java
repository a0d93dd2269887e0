package io.github.pec4j.admission.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The only class of pec-admission that names jackson-dataformat-yaml, so that {@code AooConfig} is
 * verified and used without that optional library; YAMLFactory is resolved only when a YAML file is read.
 */
public final class YamlMapper {
    private YamlMapper() {}

    /**
     * A mapper reading YAML.
     *
     * @throws IOException when jackson-dataformat-yaml is not available (JSON needs nothing more)
     */
    public static ObjectMapper create() throws IOException {
        try {
            return Holder.create();
        } catch (NoClassDefFoundError e) {
            throw new IOException("YAML configurations need com.fasterxml.jackson.dataformat:jackson-dataformat-yaml (with SnakeYAML); "
                    + "JSON configurations need nothing more", e);
        }
    }

    /** Names YAMLFactory; loaded and verified only when a YAML file is read. */
    private static final class Holder {
        static ObjectMapper create() {
            return new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        }
    }
}
