package dev.ndesdiag.certificates;

import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.inputs.WeakMemo;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;

/**
 * The certificate template a certificate was issued from, read from its Microsoft extensions: the
 * v1 template name ({@code 1.3.6.1.4.1.311.20.2}, a string such as {@code EnrollmentAgentOffline})
 * or the v2 template information ({@code 1.3.6.1.4.1.311.21.7}, the template's OID, resolved to a
 * name through the server's {@code CertificateTemplateCache} registry key when the bundle has it).
 *
 * @param name the template name, when known
 * @param oid the template OID of a v2 template, when present
 */
public record CertificateTemplate(Optional<String> name, Optional<String> oid) {

    public static final String TEMPLATE_NAME_V1 = "1.3.6.1.4.1.311.20.2";
    public static final String TEMPLATE_INFO_V2 = "1.3.6.1.4.1.311.21.7";
    public static final String TEMPLATE_CACHE = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache";

    /** Reads the template of a certificate; empty when it has neither extension or they are malformed. */
    public static Optional<CertificateTemplate> of(X509Certificate cert, Optional<Registry> registry) {
        Extensions found = EXTENSIONS.get(cert);
        Optional<String> v1 = found.v1();
        Optional<String> oid = found.oid();
        if (v1.isEmpty() && oid.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = v1.or(() -> oid.flatMap(o -> registry.flatMap(r -> nameFromCache(r, o))));
        return Optional.of(new CertificateTemplate(name, oid));
    }

    /** The two template extensions of a certificate, decoded once: every RA lookup of every check reads them. */
    private record Extensions(Optional<String> v1, Optional<String> oid) {
    }

    private static final WeakMemo<X509Certificate, Extensions> EXTENSIONS = WeakMemo.of(cert -> new Extensions(
            extension(cert, TEMPLATE_NAME_V1).flatMap(CertificateTemplate::string),
            extension(cert, TEMPLATE_INFO_V2).flatMap(CertificateTemplate::templateOid)));

    /** Describes the template for messages: its name, else its OID. */
    public String describe() {
        return name.orElseGet(() -> "template " + oid.orElse("unknown"));
    }

    private static Optional<ASN1Primitive> extension(X509Certificate cert, String oid) {
        byte[] value = cert.getExtensionValue(oid);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> string(ASN1Primitive p) {
        return p instanceof ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static Optional<String> templateOid(ASN1Primitive p) {
        if (p instanceof ASN1Sequence seq && seq.size() > 0) {
            ASN1Encodable first = seq.getObjectAt(0);
            if (first instanceof ASN1ObjectIdentifier id) {
                return Optional.of(id.getId());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nameFromCache(Registry registry, String oid) {
        for (RegistryKey key : registry.subkeys(TEMPLATE_CACHE)) {
            boolean match = key.value("msPKI-Cert-Template-OID").flatMap(v -> v.string())
                    .filter(s -> s.strip().equals(oid)).isPresent();
            if (match) {
                String path = key.path();
                return Optional.of(path.substring(path.lastIndexOf('\\') + 1));
            }
        }
        return Optional.empty();
    }
}
