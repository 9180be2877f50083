package dev.ndesdiag.windows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A security descriptor read from SDDL, as {@code (Get-Acl <file>).Sddl} prints it: owner, group
 * and the DACL's entries. Only what deciding file access needs is kept; the SACL is skipped.
 *
 * @param owner the owner's SID, when present and known
 * @param group the primary group's SID, when present and known
 * @param daclPresent whether the descriptor has a DACL ({@code D:}); no DACL grants everyone everything
 * @param dacl the DACL's entries in order
 */
public record SecurityDescriptor(Optional<String> owner, Optional<String> group, boolean daclPresent, List<Ace> dacl) {

    /** Validates and copies the components. */
    public SecurityDescriptor {
        dacl = List.copyOf(dacl);
    }

    /**
     * Parses SDDL. White space anywhere (a wrapped {@code Get-Acl | fl} line) is ignored.
     *
     * @param sddl the text; never null
     * @return the descriptor; never null
     * @throws IllegalArgumentException when the text is not SDDL, saying where
     */
    public static SecurityDescriptor parse(String sddl) {
        String s = sddl.replaceAll("\\s+", "");
        Optional<String> owner = Optional.empty();
        Optional<String> group = Optional.empty();
        boolean daclPresent = false;
        List<Ace> dacl = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (i + 1 >= s.length() || s.charAt(i + 1) != ':') {
                throw new IllegalArgumentException("expected O:, G:, D: or S: at position " + i + " of \"" + sddl + "\"");
            }
            char part = Character.toUpperCase(s.charAt(i));
            int start = i + 2;
            int end = nextComponent(s, start);
            String body = s.substring(start, end);
            switch (part) {
                case 'O' -> owner = Sids.fromSddl(body);
                case 'G' -> group = Sids.fromSddl(body);
                case 'D' -> {
                    daclPresent = !body.toUpperCase(Locale.ROOT).startsWith("NO_ACCESS_CONTROL");
                    dacl.addAll(aces(body));
                }
                case 'S' -> {
                    // audit entries do not decide access
                }
                default -> throw new IllegalArgumentException("unknown SDDL component \"" + part + ":\"");
            }
            i = end;
        }
        return new SecurityDescriptor(owner, group, daclPresent, dacl);
    }

    /** The index where the next {@code X:} component starts, outside parentheses. */
    private static int nextComponent(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && i + 1 < s.length() && s.charAt(i + 1) == ':' && "OGDSogds".indexOf(c) >= 0
                    && i > from) {
                return i;
            }
        }
        return s.length();
    }

    private static List<Ace> aces(String body) {
        List<Ace> result = new ArrayList<>();
        int i = body.indexOf('(');
        while (i >= 0) {
            int close = body.indexOf(')', i);
            if (close < 0) {
                throw new IllegalArgumentException("an ACE lacks its closing parenthesis: \"" + body.substring(i) + "\"");
            }
            result.add(ace(body.substring(i + 1, close)));
            i = body.indexOf('(', close);
        }
        return result;
    }

    private static Ace ace(String text) {
        String[] f = text.split(";", -1);
        if (f.length < 6) {
            throw new IllegalArgumentException("ACE \"(" + text + ")\" has " + f.length + " fields, not 6");
        }
        Ace.Type type = switch (f[0].toUpperCase(Locale.ROOT)) {
            case "A" -> Ace.Type.ALLOW;
            case "D" -> Ace.Type.DENY;
            case "OA" -> Ace.Type.OBJECT_ALLOW;
            case "OD" -> Ace.Type.OBJECT_DENY;
            default -> Ace.Type.OTHER;
        };
        Set<String> flags = new HashSet<>();
        String fl = f[1].toUpperCase(Locale.ROOT);
        if (fl.length() % 2 != 0) {
            throw new IllegalArgumentException("ACE flags \"" + f[1] + "\" are not two-letter codes");
        }
        for (int k = 0; k + 2 <= fl.length(); k += 2) {
            flags.add(fl.substring(k, k + 2));
        }
        Optional<String> objectType = f[3].isBlank() ? Optional.empty() : Optional.of(f[3].strip().toLowerCase(Locale.ROOT));
        return new Ace(type, flags, AccessMask.parse(f[2]), f[5], Sids.fromSddl(f[5]), objectType);
    }
}
