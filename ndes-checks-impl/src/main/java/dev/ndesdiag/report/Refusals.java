package dev.ndesdiag.report;

/**
 * Refusals and fatal messages as one safe line: a bundle's strings in them (a file name, a manifest
 * field) have their control characters and escape sequences shown escaped, line breaks become
 * spaces, and the line is cut, so that no bundle can forge a second line or flood a terminal.
 *
 * @since 0.1.0
 */
public final class Refusals {

    /** The longest refusal printed, in characters. */
    public static final int MAX_LENGTH = 500;

    private Refusals() {
    }

    /**
     * Returns the message as one visible line of at most {@link #MAX_LENGTH} characters.
     *
     * @param message the message; null reads as an empty one
     * @return the line; never null
     */
    public static String oneLine(String message) {
        String line = Texts.oneLine(message == null ? "" : message).replace('\r', ' ');
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }
}
