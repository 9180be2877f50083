package dev.ndesdiag.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes text files the way Windows tools write them: the encoding is taken from the bytes (a BOM,
 * or the zero bytes of UTF-16 without one), never from what the file claims; without either, strict
 * UTF-8, else Windows-1252. Line endings are left alone.
 */
final class TextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoder() {
    }

    /** The charset and the BOM length of some leading bytes. */
    record Detected(Charset charset, int bomLength) {
    }

    static Detected detect(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        int oddZeros = 0;
        int evenZeros = 0;
        int pairs = Math.min(length, 512) / 2;
        for (int i = 0; i < pairs * 2; i += 2) {
            if (head[i] == 0) {
                evenZeros++;
            }
            if (head[i + 1] == 0) {
                oddZeros++;
            }
        }
        if (pairs > 0 && oddZeros * 2 > pairs && evenZeros * 4 < pairs) {
            return new Detected(StandardCharsets.UTF_16LE, 0);
        }
        if (pairs > 0 && evenZeros * 2 > pairs && oddZeros * 4 < pairs) {
            return new Detected(StandardCharsets.UTF_16BE, 0);
        }
        return new Detected(StandardCharsets.UTF_8, 0);
    }

    /**
     * Decodes a whole file.
     *
     * @param bytes the file's content
     * @return the text, without a BOM
     */
    static String decode(byte[] bytes) {
        Detected d = detect(bytes, bytes.length);
        if (d.charset() == StandardCharsets.UTF_8 && d.bomLength() == 0) {
            // the JDK's own decoding (an ASCII fast path) replaces malformed input with U+FFFD; text
            // without one was well-formed, and strict decoding would have given the same string
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            if (lenient.indexOf('\uFFFD') < 0) {
                return lenient;
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return new String(bytes, WINDOWS_1252);
            }
        }
        return new String(bytes, d.bomLength(), bytes.length - d.bomLength(), d.charset());
    }

    /**
     * Opens a reader over a stream, choosing the charset from its first bytes (UTF-8 when no BOM or UTF-16 pattern).
     *
     * @param in the stream, closed with the reader
     * @return a reader positioned after the BOM
     * @throws IOException when the stream cannot be read
     */
    static Reader reader(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        buffered.mark(512);
        byte[] head = buffered.readNBytes(512);
        buffered.reset();
        Detected d = detect(head, head.length);
        buffered.skipNBytes(d.bomLength());
        return new InputStreamReader(buffered, d.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
}
