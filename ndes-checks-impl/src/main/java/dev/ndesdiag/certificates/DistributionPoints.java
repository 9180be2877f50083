package dev.ndesdiag.certificates;

import dev.ndesdiag.network.CertificateUrls;
import dev.ndesdiag.network.FetchRequest;
import java.security.cert.X509Certificate;
import java.util.List;

/** The CRL distribution point URLs of a certificate (http, ldap, file), as the fetcher reads them. */
public final class DistributionPoints {

    private DistributionPoints() {
    }

    /** The URLs in order; empty when the certificate has no CDP extension or it is malformed. */
    public static List<String> urls(X509Certificate cert) {
        return CertificateUrls.of(List.of(cert)).stream().filter(r -> r.purpose().filter(dev.ndesdiag.api.snapshot.FetchPurpose.CRL::equals).isPresent())
                .map(FetchRequest::url).toList();
    }
}
