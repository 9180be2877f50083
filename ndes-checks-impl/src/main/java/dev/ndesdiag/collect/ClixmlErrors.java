package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.XmlElement;
import dev.ndesdiag.bundle.XmlDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what Windows PowerShell writes on a redirected standard error into text for the collection
 * log. Run non-interactively with {@code -EncodedCommand} and its error stream redirected, PowerShell
 * serialises that stream as CLIXML ({@code #< CLIXML} then {@code <Objs>} with one
 * {@code <S S="Error">} per line, line ends as {@code _x000D__x000A_}, and progress records such as
 * "Preparing modules for first use."); Windows PowerShell 5.1 ignores {@code -OutputFormat Text}
 * there (https://github.com/PowerShell/PowerShell/issues/5912, fixed in pwsh only by
 * https://github.com/PowerShell/PowerShell/pull/8115). Text that is not CLIXML is returned as it is.
 */
public final class ClixmlErrors {

    static final String MARKER = "#< CLIXML";
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");
    /** The most text kept: a log line, not a dump. */
    static final int MAX_CHARS = 4000;

    private ClixmlErrors() {
    }

    /**
     * Makes a command's error output readable.
     *
     * @param output the output as decoded; never null
     * @return the error lines of CLIXML, in order, or the output unchanged when it is not CLIXML; never null
     */
    public static String readable(String output) {
        int at = output.indexOf(MARKER);
        if (at < 0) {
            return output;
        }
        String before = output.substring(0, at);
        String xml = output.substring(at + MARKER.length());
        Optional<XmlElement> root = XmlDocuments.parse(xml.strip().getBytes(StandardCharsets.UTF_8));
        if (root.isEmpty()) {
            return before + "(PowerShell error output that is not readable CLIXML)";
        }
        List<String> lines = new ArrayList<>();
        for (XmlElement s : root.get().children("S")) {
            String stream = s.attribute("S").orElse("");
            if (stream.equalsIgnoreCase("Error") || stream.equalsIgnoreCase("Warning")) {
                String line = unescape(s.text()).strip();
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        String text = before + String.join("\n", lines);
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + " [...]" : text;
    }

    /** Decodes the {@code _xHHHH_} escapes of PowerShell serialisation ({@code _x005F_} is an underscore). */
    static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
