/** pec4j formats: attachment admission policy. */
module io.github.pec4j.formats {
    requires transitive io.github.pec4j.core;
    requires io.github.pec4j.signature;
    requires java.xml;
    requires org.apache.tika.core;
    requires org.apache.commons.compress;
    requires org.tukaani.xz;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    // PDFBox is an automatic module and cannot say that it needs commons-logging: without this
    // line an application on the module path fails with NoClassDefFoundError LogFactory
    requires org.apache.commons.logging;
    requires com.fasterxml.jackson.databind;
    requires static org.jspecify;
    requires static com.fasterxml.jackson.dataformat.yaml;

    exports io.github.pec4j.formats;
    // the admission takes the signature reports of the check (one verification of a .p7m, not two); not public API
    exports io.github.pec4j.formats.internal to io.github.pec4j.admission;
    opens io.github.pec4j.formats to com.fasterxml.jackson.databind;
}
