package dev.ndesdiag.templates;

import dev.ndesdiag.windows.SecurityDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One certificate template object of Active Directory ({@code CN=<name>,CN=Certificate Templates,
 * CN=Public Key Services,CN=Services,CN=Configuration,...}) as {@code certutil -dstemplate} prints
 * it: its section name and the quoted values of each attribute, in order. The attribute meanings
 * are those of [MS-CRTD] (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-crtd/).
 *
 * @param section the section name, which certutil writes as the template's {@code cn}
 * @param attributes each attribute's quoted values, by attribute name (case as printed)
 */
public record TemplateObject(String section, Map<String, List<String>> attributes) {

    /** CT_FLAG_ENROLLEE_SUPPLIES_SUBJECT of {@code msPKI-Certificate-Name-Flag} ([MS-CRTD] 2.28). */
    public static final long ENROLLEE_SUPPLIES_SUBJECT = 0x1L;
    /** digitalSignature, the first bit of the KeyUsage bit string (RFC 5280 4.2.1.3): 0x80 of the first byte. */
    public static final int DIGITAL_SIGNATURE = 0x80;
    /** keyEncipherment: 0x20 of the first byte. */
    public static final int KEY_ENCIPHERMENT = 0x20;
    /** The Client Authentication EKU. */
    public static final String CLIENT_AUTHENTICATION = "1.3.6.1.5.5.7.3.2";

    /** Validates and copies the components. */
    public TemplateObject {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the values of an attribute; attribute names are case-insensitive, as in LDAP.
     *
     * @param name such as {@code pKIDefaultCSPs}; never null
     * @return the values; empty when the attribute is not printed
     */
    public List<String> values(String name) {
        for (Map.Entry<String, List<String>> e : attributes.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /**
     * Returns the first value of an attribute.
     *
     * @param name the attribute; never null
     * @return the value, or empty
     */
    public Optional<String> value(String name) {
        return values(name).stream().findFirst();
    }

    /** @return the template's name ({@code cn}, else the section name); what MSCEP's registry values hold */
    public String name() {
        return value("cn").orElse(section);
    }

    /** @return its display name, when printed */
    public Optional<String> displayName() {
        return value("displayName");
    }

    /** @return {@code msPKI-Template-Schema-Version}: 1 for version 1 templates, 2, 3 (CNG), 4 */
    public OptionalInt schemaVersion() {
        return number("msPKI-Template-Schema-Version").stream().mapToInt(l -> (int) l).findFirst();
    }

    /** @return {@code msPKI-Certificate-Name-Flag} as an unsigned 32-bit value */
    public OptionalLong nameFlag() {
        return number("msPKI-Certificate-Name-Flag");
    }

    /** @return true when the subject name is supplied in the request (CT_FLAG_ENROLLEE_SUPPLIES_SUBJECT) */
    public boolean enrolleeSuppliesSubject() {
        return nameFlag().stream().anyMatch(f -> (f & ENROLLEE_SUPPLIES_SUBJECT) != 0);
    }

    /**
     * Returns the first byte of {@code pKIKeyUsage}, which certutil prints as hex bytes ({@code "a0 00"}).
     *
     * @return the byte; empty when absent or not hex
     */
    public OptionalInt keyUsage() {
        Optional<String> v = value("pKIKeyUsage");
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        String first = v.get().strip().split("\\s+")[0];
        try {
            return OptionalInt.of(Integer.parseInt(first, 16) & 0xFF);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** @return the EKUs and application policies the template puts in certificates */
    public List<String> extendedKeyUsages() {
        List<String> all = new ArrayList<>(values("pKIExtendedKeyUsage"));
        for (String p : values("msPKI-Certificate-Application-Policy")) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return all;
    }

    /**
     * Returns the providers of {@code pKIDefaultCSPs}, whose values are {@code "<priority>,<name>"}.
     *
     * @return the provider names in priority order as printed
     */
    public List<String> providers() {
        return values("pKIDefaultCSPs").stream().map(v -> {
            int comma = v.indexOf(',');
            return comma >= 0 && v.substring(0, comma).strip().chars().allMatch(Character::isDigit)
                    ? v.substring(comma + 1).strip() : v.strip();
        }).toList();
    }

    /**
     * Tells whether a provider is a CNG key storage provider rather than a CryptoAPI CSP: CNG
     * providers are named "... Key Storage Provider" (Microsoft Software Key Storage Provider,
     * Microsoft Platform Crypto Provider for the TPM).
     *
     * @param provider the provider's name; never null
     * @return true for a CNG provider
     */
    public static boolean isCng(String provider) {
        return dev.ndesdiag.certificates.KeyProviders.isCng(provider);
    }

    /** @return the template's security descriptor ({@code nTSecurityDescriptor}) as SDDL, when printed */
    public Optional<String> sddl() {
        return value("nTSecurityDescriptor").filter(s -> s.strip().matches("(?s)^[OGDS]:.*"));
    }

    /**
     * Parses the template's security descriptor.
     *
     * @return the descriptor; empty when not printed
     * @throws IllegalArgumentException when it is printed but is not SDDL
     */
    public Optional<SecurityDescriptor> securityDescriptor() {
        return sddl().map(SecurityDescriptor::parse);
    }

    private OptionalLong number(String attribute) {
        Optional<String> v = value(attribute);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().strip()) & 0xFFFFFFFFL);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
