package dev.ndesdiag.ca;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the CA's security descriptor as {@code certutil -getreg CA\Security} prints it:
 * {@code Allow|Deny}, the rights by the names certutil gives them, and the principal by name
 * (certutil prints no SID). Rights: "Enroll" is "Request Certificates" of the CA's Security tab
 * (CA_ACCESS_ENROLL), "CA Administrator" is Manage CA, "Certificate Manager" is Issue and Manage
 * Certificates.
 *
 * @param allow true for Allow, false for Deny
 * @param rights the rights
 * @param principal the principal, such as {@code CONTOSO\svc_ndes}
 */
public record CaAccessEntry(boolean allow, Set<Right> rights, String principal) {

    /** The CA rights certutil names. */
    public enum Right {
        /** CA_ACCESS_ADMIN, Manage CA. */
        CA_ADMINISTRATOR("CA Administrator"),
        /** CA_ACCESS_OFFICER, Issue and Manage Certificates. */
        CERTIFICATE_MANAGER("Certificate Manager"),
        /** CA_ACCESS_AUDITOR. */
        AUDITOR("Auditor"),
        /** CA_ACCESS_OPERATOR. */
        OPERATOR("Operator"),
        /** CA_ACCESS_READ. */
        READ("Read"),
        /** CA_ACCESS_ENROLL, Request Certificates. */
        ENROLL("Enroll");

        private final String printed;

        Right(String printed) {
            this.printed = printed;
        }

        /** @return the name certutil prints */
        public String printed() {
            return printed;
        }
    }

    /** Copies the components. */
    public CaAccessEntry {
        rights = rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
    }

    /**
     * Reads the entries of the output.
     *
     * @param value the {@code Security REG_BINARY} value
     * @return the entries in order, and the lines that are not entries certutil writes in English
     */
    public static Parsed parse(GetregValue value) {
        List<CaAccessEntry> entries = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (String line : value.lines()) {
            entry(line).ifPresentOrElse(entries::add, () -> unread.add(line));
        }
        return new Parsed(entries, unread);
    }

    /** The entries and the lines that were not read as entries. */
    public record Parsed(List<CaAccessEntry> entries, List<String> unread) {

        /** Copies the components. */
        public Parsed {
            entries = List.copyOf(entries);
            unread = List.copyOf(unread);
        }
    }

    static Optional<CaAccessEntry> entry(String line) {
        String rest = line.strip();
        boolean allow;
        if (rest.startsWith("Allow")) {
            allow = true;
            rest = rest.substring(5);
        } else if (rest.startsWith("Deny")) {
            allow = false;
            rest = rest.substring(4);
        } else {
            return Optional.empty();
        }
        Set<Right> rights = EnumSet.noneOf(Right.class);
        boolean more = true;
        while (more) {
            more = false;
            rest = rest.stripLeading();
            for (Right r : Right.values()) {
                if (rest.startsWith(r.printed()) && rest.length() > r.printed().length()
                        && Character.isWhitespace(rest.charAt(r.printed().length()))) {
                    rights.add(r);
                    rest = rest.substring(r.printed().length());
                    more = true;
                    break;
                }
            }
        }
        String principal = rest.strip();
        if (rights.isEmpty() || principal.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CaAccessEntry(allow, rights, principal));
    }
}
