package dev.ndesdiag.bundle;

/**
 * The bundle reader's text decoding for others that hold Windows tool output as bytes (the
 * collector's log): UTF-16 by its BOM or its zero bytes (what {@code certutil -Unicode} and
 * {@code wevtutil /uni:true} write), else strict UTF-8, else Windows-1252.
 */
public final class WindowsText {

    private WindowsText() {
    }

    /**
     * Decodes bytes as the bundle reader does.
     *
     * @param bytes the output; never null
     * @return the text, without a BOM; never null
     */
    public static String decode(byte[] bytes) {
        return TextDecoder.decode(bytes);
    }
}
