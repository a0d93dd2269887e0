/** pec4j formats: attachment admission policy. */
module io.github.pec4j.formats {
    requires transitive io.github.pec4j.core;
    requires io.github.pec4j.signature;
    requires org.apache.tika.core;
    requires org.apache.commons.compress;
    requires org.tukaani.xz;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires com.fasterxml.jackson.databind;
    requires static org.jspecify;
    requires static com.fasterxml.jackson.dataformat.yaml;

    exports io.github.pec4j.formats;
    opens io.github.pec4j.formats to com.fasterxml.jackson.databind;
}
