package dev.ndesdiag.certificates;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Names and purposes of TLS and client certificates: CN and DNS SANs, EKUs, host matching. */
public final class CertificateNames {

    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private CertificateNames() {
    }

    /** The DNS names a TLS client compares: the SAN dNSNames, or the CN when there is no DNS SAN. */
    public static List<String> dnsNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String s) {
                        names.add(s.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable SAN: the CN is all there is
        }
        if (names.isEmpty()) {
            commonName(cert).ifPresent(cn -> names.add(cn.toLowerCase(Locale.ROOT)));
        }
        return names;
    }

    public static java.util.Optional<String> commonName(X509Certificate cert) {
        try {
            LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
            for (Rdn rdn : dn.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return java.util.Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // fall through
        }
        return java.util.Optional.empty();
    }

    /** Whether a certificate names a host: exactly, or by a wildcard covering one left-most label. */
    public static boolean matches(X509Certificate cert, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String name : dnsNames(cert)) {
            if (name.equals(h)) {
                return true;
            }
            if (name.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(name.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a certificate may be used for a purpose: no EKU extension means any purpose. */
    public static boolean allows(X509Certificate cert, String ekuOid) {
        try {
            List<String> ekus = cert.getExtendedKeyUsage();
            return ekus == null || ekus.contains(ekuOid) || ekus.contains("2.5.29.37.0");
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
