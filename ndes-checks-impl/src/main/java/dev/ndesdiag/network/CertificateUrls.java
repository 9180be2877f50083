package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import java.security.cert.X509Certificate;
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

    static List<String> cdps(X509Certificate cert) {
        List<String> urls = new ArrayList<>();
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
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

    static List<String> caIssuers(X509Certificate cert) {
        List<String> urls = new ArrayList<>();
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return urls;
        }
        try {
            for (AccessDescription d : AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                    .getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) {
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
