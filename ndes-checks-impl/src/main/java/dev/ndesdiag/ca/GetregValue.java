package dev.ndesdiag.ca;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value as {@code certutil -getreg <key>\<value>} prints it: the key line
 * ({@code HKEY_LOCAL_MACHINE\...\<value>:}), then {@code "  <name> <type> = <data>"} and the lines
 * that decode it, then certutil's closing line. A {@code REG_DWORD} is printed in hex, with the
 * decimal in parentheses when they differ ({@code EditFlags REG_DWORD = 15014e (1376590)}, captured
 * in the test resources); a {@code REG_BINARY} security descriptor is printed as one
 * {@code Allow|Deny <rights> <principal>} line per entry ({@code certutil -getreg CA\Security}, captured too).
 *
 * @param name the value's name
 * @param type the registry type as printed, such as {@code REG_DWORD}
 * @param data the text after {@code =} on the value's line
 * @param lines the indented lines after it, stripped, up to the closing line
 */
public record GetregValue(String name, String type, String data, List<String> lines) {

    private static final Pattern VALUE = Pattern.compile("^\\s+(\\S+)\\s+(REG_[A-Z_]+)\\s*=\\s*(.*)$");
    private static final Pattern DWORD = Pattern.compile("^([0-9a-fA-F]+)(?:\\s+\\((-?\\d+)\\))?\\s*$");

    /** Copies the components. */
    public GetregValue {
        lines = List.copyOf(lines);
    }

    /**
     * Finds the value line in the output and reads it.
     *
     * @param output the console text; never null
     * @return the value, or empty when the output holds none (certutil failed, or another language's layout)
     */
    public static Optional<GetregValue> read(String output) {
        String[] all = output.split("\r\n|\r|\n");
        for (int i = 0; i < all.length; i++) {
            Matcher m = VALUE.matcher(all[i]);
            if (m.matches()) {
                List<String> rest = new ArrayList<>();
                for (int j = i + 1; j < all.length; j++) {
                    String l = all[j];
                    if (l.startsWith("CertUtil:") || (!l.isBlank() && !Character.isWhitespace(l.charAt(0)))) {
                        break;
                    }
                    if (!l.isBlank()) {
                        rest.add(l.strip());
                    }
                }
                return Optional.of(new GetregValue(m.group(1), m.group(2), m.group(3).strip(), rest));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a {@code REG_DWORD}'s number.
     *
     * @return the value; empty for another type or unreadable data
     */
    public OptionalLong dword() {
        if (!type.equals("REG_DWORD")) {
            return OptionalLong.empty();
        }
        Matcher m = DWORD.matcher(data);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(1), 16));
    }
}
