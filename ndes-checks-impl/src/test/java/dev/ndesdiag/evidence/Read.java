package dev.ndesdiag.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One read of a text through a reader: the entries and the summary. */
record Read<T>(List<T> entries, ReadSummary summary) {

    static <T> Read<T> of(EvidenceReader<T> reader, String text) throws IOException {
        return of(reader, text.getBytes(StandardCharsets.UTF_8));
    }

    static <T> Read<T> of(EvidenceReader<T> reader, String text, Charset charset) throws IOException {
        return of(reader, text.getBytes(charset));
    }

    /** Reads with a sink that takes the first entry and asks to stop. */
    static <T> Read<T> untilFirst(EvidenceReader<T> reader, String text) throws IOException {
        List<T> out = new ArrayList<>();
        ReadSummary s = reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), e -> !out.add(e));
        return new Read<>(out, s);
    }

    static <T> Read<T> of(EvidenceReader<T> reader, byte[] bytes) throws IOException {
        List<T> out = new ArrayList<>();
        ReadSummary s = reader.read(new ByteArrayInputStream(bytes), e -> out.add(e));
        return new Read<>(out, s);
    }
}
