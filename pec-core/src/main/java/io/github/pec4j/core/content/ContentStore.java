package io.github.pec4j.core.content;

import java.io.IOException;

/**
 * Where decoded attachment content goes while a message is parsed.
 *
 * <p>The parser writes each attachment exactly once, through a {@link ContentSink}; the store decides
 * where the bytes live (memory, temporary files, an integrator's blob store). Implementations must
 * be thread-safe. See {@link ContentStores} for the built-in ones.
 */
public interface ContentStore {

    /**
     * Opens a sink for one piece of content.
     *
     * @param sizeHint expected size in bytes, or a negative number when unknown
     * @return an empty sink ready for writing
     * @throws IOException when the store cannot create a temporary file
     */
    ContentSink newSink(long sizeHint) throws IOException;
}
