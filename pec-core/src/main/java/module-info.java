/**
 * pec4j core: the PEC message model and its streaming parser. Knows nothing of crypto, content
 * detection, databases or IMAP.
 */
module io.github.pec4j.core {
    requires java.xml;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.github.pec4j.core;
    exports io.github.pec4j.core.content;
}
