package dev.ndesdiag.evidence;

import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.LogFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;

/**
 * A streamed reader of one evidence format: entries are handed to a sink one at a time, as they are
 * read, so a file of any size is read in bounded memory. A line or record that cannot be read is
 * skipped and counted in the summary, never fatal; only a stream that cannot be read at all fails.
 *
 * @param <T> the entry type
 * @since 0.1.0
 */
public interface EvidenceReader<T> {

    /**
     * Reads a stream to its end (or until the sink returns false) and closes it.
     *
     * @param in the text, in any encoding Windows writes (the charset comes from the bytes); never null
     * @param sink receives each entry in file order; returns false to stop reading
     * @return what was read and skipped; never null
     * @throws IOException when the stream cannot be read
     */
    ReadSummary read(InputStream in, Predicate<? super T> sink) throws IOException;

    /**
     * Reads a log of a snapshot.
     *
     * @param log the log; never null
     * @param sink receives each entry; returns false to stop
     * @return what was read and skipped; never null
     * @throws IOException when the log cannot be read
     */
    default ReadSummary read(LogFile log, Predicate<? super T> sink) throws IOException {
        return read(log.open(), sink);
    }

    /**
     * Reads a blob, such as a command's captured output.
     *
     * @param blob the content; never null
     * @param sink receives each entry; returns false to stop
     * @return what was read and skipped; never null
     * @throws IOException never in practice; declared for the stream read
     */
    default ReadSummary read(Blob blob, Predicate<? super T> sink) throws IOException {
        return read(blob.openStream(), sink);
    }
}
