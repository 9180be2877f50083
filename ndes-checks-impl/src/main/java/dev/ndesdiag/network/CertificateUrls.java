package dev.ndesdiag.network;

import dev.ndesdiag.certificates.Signatures;
import dev.ndesdiag.api.snapshot.FetchPurpose;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Optional;
import dev.ndesdiag.inputs.WeakMemo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The URLs the server fetches to check certificates: the CRL distribution points ({@code crl}) and
 * the AIA CA-issuer locations ({@code aia}) of each certificate, read with Bouncy Castle, each once.
 */
public final class CertificateUrls {

    private CertificateUrls() {
    }

    /**
     * Collects the fetch requests of a set of certificates, in order, without duplicates.
     *
     * @param certificates the certificates; never null
     * @return the requests; never null
     */
    public static List<FetchRequest> of(List<X509Certificate> certificates) {
        Set<String> seen = new LinkedHashSet<>();
        List<FetchRequest> requests = new ArrayList<>();
        for (X509Certificate c : certificates) {
            for (String url : cdps(c)) {
                if (seen.add(url)) {
                    requests.add(FetchRequest.of(url, FetchPurpose.CRL));
                }
            }
            for (String url : caIssuers(c)) {
                if (seen.add(url)) {
                    requests.add(FetchRequest.of(url, FetchPurpose.AIA));
                }
            }
        }
        return requests;
    }

    /**
     * The delta CRL requests of base CRLs and certificates: the URLs of their Freshest CRL
     * extension (RFC 5280 5.2.6 and 4.2.1.15; AD CS writes it into its base CRLs by default), each once.
     *
     * @param crls the base CRLs fetched
     * @param certificates the certificates that matter
     * @return the requests, purpose {@code delta-crl}
     */
    public static List<FetchRequest> deltas(List<X509CRL> crls, List<X509Certificate> certificates) {
        Set<String> seen = new LinkedHashSet<>();
        List<FetchRequest> requests = new ArrayList<>();
        for (X509CRL crl : crls) {
            for (String url : distributionPoints(crl.getExtensionValue(Extension.freshestCRL.getId()))) {
                if (seen.add(url)) {
                    requests.add(FetchRequest.of(url, FetchPurpose.DELTA_CRL));
                }
            }
        }
        for (X509Certificate c : certificates) {
            for (String url : distributionPoints(extensionValue(c, Extension.freshestCRL.getId()))) {
                if (seen.add(url)) {
                    requests.add(FetchRequest.of(url, FetchPurpose.DELTA_CRL));
                }
            }
        }
        return requests;
    }

    /**
     * The delta CRL URLs named by a base CRL's Freshest CRL extension.
     *
     * @param crl a base CRL
     * @return the URLs; empty when it names none or the extension is malformed
     */
    public static List<String> deltaUrls(X509CRL crl) {
        return distributionPoints(crl.getExtensionValue(Extension.freshestCRL.getId()));
    }

    /**
     * The delta CRL URLs named by a certificate's Freshest CRL extension.
     *
     * @param cert a certificate
     * @return the URLs; empty when it names none
     */
    public static List<String> deltaUrls(X509Certificate cert) {
        return distributionPoints(extensionValue(cert, Extension.freshestCRL.getId()));
    }

    /**
     * OCSP requests for the certificates whose AIA names a responder and whose issuer is among the
     * certificates: RFC 6960 A.1 GET requests (the DER request, base64 and URL-encoded, after the
     * responder URL), which Microsoft's Online Responder answers and caches.
     *
     * @param certificates the certificates that matter, issuers included
     * @return the requests, purpose {@code ocsp}
     */
    public static List<FetchRequest> ocsp(List<X509Certificate> certificates) {
        List<FetchRequest> requests = new ArrayList<>();
        for (X509Certificate c : certificates) {
            List<String> responders = responders(c);
            if (responders.isEmpty()) {
                continue;
            }
            Optional<X509Certificate> issuer = certificates.stream()
                    .filter(i -> i.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                    .filter(i -> Signatures.signedBy(c, i)).findFirst();
            if (issuer.isEmpty()) {
                continue;
            }
            Optional<String> encoded = OcspRequests.encoded(c, issuer.get());
            for (String url : responders) {
                encoded.ifPresent(e -> requests.add(FetchRequest.of(
                        (url.endsWith("/") ? url : url + "/") + e, FetchPurpose.OCSP)));
            }
        }
        return requests;
    }

    /**
     * The OCSP responder URLs of a certificate's AIA extension.
     *
     * @param cert a certificate
     * @return the URLs, in order
     */
    public static List<String> responders(X509Certificate cert) {
        return accessLocations(cert, AccessDescription.id_ad_ocsp);
    }


    /**
     * A certificate's extension, asked for only when the certificate has it: for an absent extension
     * that it knows by name, the JDK's certificate builds and catches an exception, stack trace and all.
     */
    private static byte[] extensionValue(X509Certificate cert, String oid) {
        Set<String> nonCritical = cert.getNonCriticalExtensionOIDs();
        Set<String> critical = cert.getCriticalExtensionOIDs();
        boolean has = (nonCritical != null && nonCritical.contains(oid)) || (critical != null && critical.contains(oid));
        return has ? cert.getExtensionValue(oid) : null;
    }

    private static List<String> distributionPoints(byte[] ext) {
        List<String> urls = new ArrayList<>();
        if (ext == null) {
            return urls;
        }
        try {
            for (DistributionPoint p : CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getDistributionPoints()) {
                DistributionPointName name = p.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    addUris(GeneralNames.getInstance(name.getName()).getNames(), urls);
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return urls;
    }

    /** Each certificate's CRL distribution points and CA issuers, decoded once: several checks ask. */
    private static final WeakMemo<X509Certificate, List<String>> CDPS = WeakMemo.of(
            c -> List.copyOf(distributionPoints(extensionValue(c, Extension.cRLDistributionPoints.getId()))));
    private static final WeakMemo<X509Certificate, List<String>> CA_ISSUERS = WeakMemo.of(
            c -> List.copyOf(accessLocations(c, AccessDescription.id_ad_caIssuers)));

    static List<String> cdps(X509Certificate cert) {
        return CDPS.get(cert);
    }

    static List<String> caIssuers(X509Certificate cert) {
        return CA_ISSUERS.get(cert);
    }

    private static List<String> accessLocations(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier method) {
        List<String> urls = new ArrayList<>();
        byte[] ext = extensionValue(cert, Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return urls;
        }
        try {
            for (AccessDescription d : AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                    .getAccessDescriptions()) {
                if (d.getAccessMethod().equals(method)) {
                    addUris(new GeneralName[] {d.getAccessLocation()}, urls);
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return urls;
    }

    private static void addUris(GeneralName[] names, List<String> urls) {
        for (GeneralName gn : names) {
            if (gn.getTagNo() == GeneralName.uniformResourceIdentifier) {
                urls.add(ASN1IA5String.getInstance(gn.getName()).getString());
            }
        }
    }
}
